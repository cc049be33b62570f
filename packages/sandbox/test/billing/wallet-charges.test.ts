import { type ChargeRequest, UsageCharger } from '@hoopkit/core'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { sandboxBilling } from '../../src/billing/sandbox-billing.js'
import { seedIds } from '../../src/state/seed-data.js'
import {
  type BillingPlatform,
  scoreMeter,
  startBillingPlatformOn,
} from './billing-test-platform.js'

let platform: BillingPlatform
let charger: UsageCharger

function chargeFor(eventId: string): ChargeRequest {
  return {
    locationId: seedIds.harbor,
    companyId: seedIds.company,
    meterId: scoreMeter.meterId,
    eventId,
    units: 2,
    description: 'Scored 2 leads',
  }
}

function walletCharges() {
  return sandboxBilling(platform.sandbox.context).chargesOf(
    platform.app.appId,
    seedIds.harbor,
  )
}

let started: BillingPlatform | undefined

afterEach(async () => {
  await started?.[Symbol.asyncDispose]()
  started = undefined
})

describe.each(['sqlite', 'postgres'] as const)('UsageCharger on %s', (kind) => {
  beforeEach(async (context) => {
    started = await startBillingPlatformOn(kind, context)
    if (started === undefined) {
      return
    }
    platform = started
    await platform.installLocation(seedIds.harbor)
    charger = new UsageCharger({
      database: platform.database,
      client: platform.client,
      appId: platform.app.appId,
    })
  })

  test('charges wallet and records charge', async () => {
    const billing = sandboxBilling(platform.sandbox.context)
    billing.setBalance(seedIds.harbor, 1)

    const result = await charger.charge(chargeFor('evt_1'))

    expect(result).toEqual({
      ok: true,
      chargeId: walletCharges()[0]?.chargeId,
      repeated: false,
    })
    expect(walletCharges()).toHaveLength(1)
    expect(walletCharges()[0]?.amountCharged).toBe(0.1)
    expect(billing.balance(seedIds.harbor)).toBe(0.9)
    const row = await charger.store.find(platform.app.appId, 'evt_1')
    expect(row?.status).toBe('charged')
  })

  test('repeated eventId charges once', async () => {
    const first = await charger.charge(chargeFor('evt_2'))
    const second = await charger.charge(chargeFor('evt_2'))

    expect(walletCharges()).toHaveLength(1)
    expect(second).toEqual({
      ok: true,
      chargeId: first.ok ? first.chargeId : 'missing',
      repeated: true,
    })
  })

  test('lost reply is not charged again', async () => {
    const billing = sandboxBilling(platform.sandbox.context)
    billing.failNextCharge(seedIds.harbor, 502, { afterCharge: true })

    const first = await charger.charge(chargeFor('evt_3'))
    const retry = await charger.charge(chargeFor('evt_3'))

    expect(first.ok).toBe(false)
    expect(first.ok ? '' : first.reason).toBe('unknown')
    expect(walletCharges()).toHaveLength(1)
    expect(retry).toEqual({
      ok: true,
      chargeId: walletCharges()[0]?.chargeId,
      repeated: true,
    })
  })

  test('failed send is sent again', async () => {
    const billing = sandboxBilling(platform.sandbox.context)
    billing.failNextCharge(seedIds.harbor, 503)

    const first = await charger.charge(chargeFor('evt_4'))
    const retry = await charger.charge(chargeFor('evt_4'))

    expect(first.ok).toBe(false)
    expect(retry.ok).toBe(true)
    expect(walletCharges()).toHaveLength(1)
  })

  test('concurrent calls charge event once', async () => {
    const results = await Promise.all([
      charger.charge(chargeFor('evt_7')),
      charger.charge(chargeFor('evt_7')),
    ])

    // The second call either finds the send in progress or, when the first
    // finished already, the recorded charge; it never sends its own.
    expect(walletCharges()).toHaveLength(1)
    const reasons = results.map((result) => (result.ok ? 'ok' : result.reason))
    expect(reasons).toContain('ok')
    expect(
      reasons.every((reason) => reason === 'ok' || reason === 'in_progress'),
    ).toBe(true)
  })

  test('empty wallet stops charge', async () => {
    sandboxBilling(platform.sandbox.context).setBalance(seedIds.harbor, 0)

    const result = await charger.charge(chargeFor('evt_5'))

    expect(result.ok).toBe(false)
    const failure = result.ok ? undefined : result
    expect(failure?.reason).toBe('insufficient_funds')
    expect(failure?.error.code).toBe('INSUFFICIENT_FUNDS')
    expect(failure?.error.status).toBe(402)
    expect(failure?.error.message).toBe(
      `wallet charge: sub-account ${seedIds.harbor} has no funds for event ` +
        'evt_5: ask the agency to add funds to its wallet; nothing was charged',
    )
    expect(walletCharges()).toHaveLength(0)
  })

  test('platform rejection is recorded', async () => {
    sandboxBilling(platform.sandbox.context).setBalance(seedIds.harbor, 0.01)

    const result = await charger.charge(chargeFor('evt_8'))

    expect(result.ok ? 'ok' : result.reason).toBe('rejected')
    expect(result.ok ? '' : result.error.message).toContain(
      'Insufficient funds in the wallet',
    )
    const row = await charger.store.find(platform.app.appId, 'evt_8')
    expect(row?.status).toBe('rejected')
    expect(walletCharges()).toHaveLength(0)
  })

  test('refund marks charge refunded', async () => {
    const billing = sandboxBilling(platform.sandbox.context)
    billing.setBalance(seedIds.harbor, 1)
    const result = await charger.charge(chargeFor('evt_6'))
    const chargeId = (result.ok ? result.chargeId : null) ?? ''

    await charger.refund(seedIds.harbor, chargeId)

    const listed = await charger.list(seedIds.harbor)
    expect(listed.find((c) => c.chargeId === chargeId)?.refunded).toBe(true)
    expect(listed.filter((c) => c.transactionType === 'refund')).toHaveLength(1)
    expect(billing.balance(seedIds.harbor)).toBe(1)
    const row = await charger.store.find(platform.app.appId, 'evt_6')
    expect(row?.status).toBe('refunded')
  })
})

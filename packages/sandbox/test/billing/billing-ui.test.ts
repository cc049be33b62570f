import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { sandboxBilling } from '../../src/billing/sandbox-billing.js'
import { seedIds } from '../../src/state/seed-data.js'
import {
  type BillingPlatform,
  startBillingPlatform,
} from './billing-test-platform.js'

let platform: BillingPlatform

beforeEach(async () => {
  platform = await startBillingPlatform({
    billingUrl: 'http://127.0.0.1:9/billing',
    plans: [
      {
        planId: 'basic',
        name: 'Basic',
        baseAmount: 0,
        resellingAmount: 0,
        paymentType: 'month',
        features: [],
      },
      {
        planId: 'pro',
        name: 'Pro',
        baseAmount: 49,
        resellingAmount: 49,
        paymentType: 'month',
        features: [],
      },
    ],
  })
  await platform.installLocation(seedIds.harbor)
})

afterEach(async () => {
  await platform[Symbol.asyncDispose]()
})

function post(path: string, fields: Record<string, string>) {
  return fetch(`${platform.sandbox.url}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    redirect: 'manual',
  })
}

describe('sandbox billing page', () => {
  test('lists install waiting for billing', async () => {
    const response = await fetch(`${platform.sandbox.url}/ui/billing`)
    const page = await response.text()

    expect(response.status).toBe(200)
    expect(page).toContain('Open Billing URL')
    expect(page).toContain('http://127.0.0.1:9/billing?clientId=')
    expect(page).toContain('$25.00')
  })

  test('plan form sends PLAN_CHANGE', async () => {
    const response = await post('/ui/billing/plan', {
      appId: platform.app.appId,
      locationId: seedIds.harbor,
      planId: 'pro',
    })

    expect(response.status).toBe(303)
    const billing = sandboxBilling(platform.sandbox.context)
    expect(billing.planOf(platform.app.appId, seedIds.harbor)).toBe('pro')
    const change = platform.webhooks.find(
      (body) => body['type'] === 'PLAN_CHANGE',
    )
    expect(change?.['newPlanId']).toBe('pro')
    expect(change?.['currentPlanId']).toBe('basic')
  })

  test('unknown plan sends nothing', async () => {
    await post('/ui/billing/plan', {
      appId: platform.app.appId,
      locationId: seedIds.harbor,
      planId: 'gold',
    })

    const change = platform.webhooks.find(
      (body) => body['type'] === 'PLAN_CHANGE',
    )
    expect(change).toBeUndefined()
  })

  test('balance form empties wallet', async () => {
    await post('/ui/billing/balance', {
      locationId: seedIds.harbor,
      balance: '0',
    })

    expect(
      sandboxBilling(platform.sandbox.context).balance(seedIds.harbor),
    ).toBe(0)
  })

  test('behaviour form changes settings', async () => {
    await post('/ui/billing/behaviour', { externalBilling: 'unavailable' })

    const behaviour = sandboxBilling(platform.sandbox.context).behaviour
    expect(behaviour.externalBilling).toBe('unavailable')
    expect(behaviour.requireCompanyConfirmation).toBe(false)
    expect(behaviour.dedupeChargesByEventId).toBe(false)
  })
})

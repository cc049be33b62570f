import {
  type Database,
  ExternalBilling,
  type ExternalBillingOptions,
  openDatabase,
  type PaymentStep,
} from '@hoopkit/core'
import {
  errorResult,
  okResult,
  tempPostgresUrl,
  tempSqliteUrl,
} from '@hoopkit/testing'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { sandboxBilling } from '../src/billing/sandbox-billing.js'
import { type Sandbox, startSandbox } from '../src/sandbox-server.js'
import type { RegisteredApp } from '../src/state/entities.js'

const clientId = 'app_T1-x'
const clientSecret = 'secret-T1'
const billingUrl =
  '/billing?clientId=app_T1-x&installType=agency,location' +
  '&companyId=cmp_T1&locationId=loc_A1,loc_B2'

/** The app whose client id the Billing URL carries. */
const testApp: RegisteredApp = {
  appId: 'app_T1',
  versionId: 'ver_T1',
  clientId,
  clientSecret,
  name: 'Billing Test',
  description: 'Bills per location.',
  distribution: 'both',
  redirectUri: 'http://127.0.0.1:1/oauth/callback',
  scopes: ['oauth.readonly'],
  webhookUrl: 'http://127.0.0.1:1/webhooks',
  webhookEvents: ['INSTALL'],
  ssoKey: null,
}

let sandbox: Sandbox
let database: Database
let payments: number
let cleanups: (() => Promise<void>)[] = []

const succeeds: PaymentStep = async () => {
  payments += 1
  return { status: 'COMPLETED', amount: 49, paymentType: 'recurring' }
}

function query(path: string): URLSearchParams {
  return new URL(path, 'http://127.0.0.1').searchParams
}

function externalBilling(
  options: Partial<ExternalBillingOptions> = {},
): ExternalBilling {
  return new ExternalBilling({
    database,
    clientId,
    clientSecret,
    apiUrl: sandbox.url,
    paymentStep: succeeds,
    retryDelayMs: 5,
    ...options,
  })
}

function received() {
  return sandboxBilling(sandbox.context).confirmations
}

const databaseKinds = ['sqlite', 'postgres'] as const

describe.each(databaseKinds)('ExternalBilling on %s', (kind) => {
  beforeEach(async (context) => {
    const url = kind === 'sqlite' ? tempSqliteUrl() : await tempPostgresUrl()
    if (url === undefined) {
      context.skip('no PostgreSQL server answers')
      return
    }
    payments = 0
    sandbox = await startSandbox()
    sandbox.context.state.apps.set(testApp.appId, { ...testApp })
    database = await openDatabase({ url })
    cleanups = [() => database.close(), () => sandbox.close()]
  })

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) {
      await cleanup()
    }
  })

  test('confirms each location once', async () => {
    const result = await externalBilling().handle(query(billingUrl))

    expect(result.ok).toBe(true)
    expect(payments).toBe(1)
    expect(received()).toHaveLength(3)
    const requests = sandboxBilling(sandbox.context).requests
    expect(requests.map((request) => request.clientKey)).toEqual([
      'app_T1-x',
      'app_T1-x',
      'app_T1-x',
    ])
    const bodies = received().map((record) => JSON.parse(record.rawBody))
    expect(bodies[0]).toMatchObject({
      clientId: 'app_T1-x',
      authType: 'location',
      locationId: 'loc_A1',
      status: 'COMPLETED',
      amount: 49,
      paymentType: 'recurring',
    })
    expect(bodies[1]).toMatchObject({
      clientId: 'app_T1-x',
      authType: 'location',
      locationId: 'loc_B2',
      status: 'COMPLETED',
    })
  })

  test('parses agency,location install type', async () => {
    const result = await externalBilling().handle(query(billingUrl))

    expect(okResult(result).request.targets).toEqual({
      agency: true,
      location: true,
    })
    expect(okResult(result).request.locationIds).toEqual(['loc_A1', 'loc_B2'])
    expect(okResult(result).request.companyId).toBe('cmp_T1')
  })

  test('confirms company by default', async () => {
    await externalBilling().handle(query(billingUrl))

    const bodies = received().map((record) => JSON.parse(record.rawBody))
    expect(bodies).toHaveLength(3)
    expect(bodies[2]).toMatchObject({
      clientId: 'app_T1-x',
      authType: 'company',
      companyId: 'cmp_T1',
      status: 'COMPLETED',
    })
    expect(bodies[2]).not.toHaveProperty('locationId')
  })

  test('skips company when option is off', async () => {
    const result = await externalBilling({ confirmCompany: false }).handle(
      query(billingUrl),
    )

    expect(result.ok).toBe(true)
    const bodies = received().map((record) => JSON.parse(record.rawBody))
    expect(bodies.map((body) => body.authType)).toEqual([
      'location',
      'location',
    ])
  })

  test('reload confirms nothing twice', async () => {
    const billing = externalBilling()
    await billing.handle(query(billingUrl))
    const second = await billing.handle(query(billingUrl))

    expect(second.ok).toBe(true)
    expect(payments).toBe(1)
    expect(received()).toHaveLength(3)
  })

  test('paid location is not charged again', async () => {
    const billing = externalBilling({ confirmCompany: false })
    const both = '/billing?clientId=app_T1-x&installType=location'
    await billing.handle(query(`${both}&locationId=loc_A1,loc_B2`))

    const again = await billing.handle(query(`${both}&locationId=loc_A1`))
    const progress = await billing.progress(
      okResult(billing.parse(query(`${both}&locationId=loc_A1`))).request,
    )

    expect(okResult(again).status).toBe('COMPLETED')
    expect(okResult(again).alreadyPaid).toEqual(['location loc_A1'])
    expect(payments).toBe(1)
    expect(received().map((record) => record.resourceId)).toEqual([
      'loc_A1',
      'loc_B2',
    ])
    expect(progress).toMatchObject({
      ok: true,
      status: 'confirmed',
      paid: ['location loc_A1'],
      due: [],
    })
  })

  test('mixed list charges only unpaid locations', async () => {
    const billing = externalBilling({ confirmCompany: false })
    const both = '/billing?clientId=app_T1-x&installType=location'
    let charged: string[] = []
    const step: PaymentStep = async ({ request }) => {
      payments += 1
      charged = request.locationIds
      return { status: 'COMPLETED', amount: 49, paymentType: 'recurring' }
    }
    await billing.handle(query(`${both}&locationId=loc_A1`))

    const mixed = await externalBilling({ paymentStep: step }).handle(
      query(`${both}&locationId=loc_A1,loc_C3`),
    )

    expect(okResult(mixed).status).toBe('COMPLETED')
    expect(okResult(mixed).alreadyPaid).toEqual(['location loc_A1'])
    expect(payments).toBe(2)
    expect(charged).toEqual(['loc_C3'])
    expect(received().map((record) => record.resourceId)).toEqual([
      'loc_A1',
      'loc_C3',
    ])
  })

  test('resends unconfirmed location after exhausted retries', async () => {
    sandboxBilling(sandbox.context).failNextConfirmations('loc_B2', 503, 2)
    const billing = externalBilling({ maxAttempts: 2 })

    const first = await billing.handle(query(billingUrl))
    const second = await billing.handle(query(billingUrl))

    expect(first.ok).toBe(false)
    expect(errorResult(first).error.code).toBe('BILLING_CONFIRMATION_FAILED')
    expect(errorResult(first).error.message).toContain('loc_B2')
    expect(second.ok).toBe(true)
    expect(payments).toBe(1)
    const resources = received().map((record) => record.resourceId)
    expect(resources).toEqual(['loc_A1', 'cmp_T1', 'loc_B2'])
  })

  test('confirms failed payment as FAILED', async () => {
    const declined: PaymentStep = async () => {
      payments += 1
      return {
        status: 'FAILED',
        amount: 49,
        paymentType: 'one_time',
        failureReason: 'card declined',
      }
    }
    const billing = externalBilling({ paymentStep: declined })

    const result = await billing.handle(query(billingUrl))
    const retry = await billing.handle(query(billingUrl))

    expect(okResult(result).status).toBe('FAILED')
    expect(okResult(result).payment.failure_reason).toBe('card declined')
    const statuses = received().map((record) => record.status)
    expect(statuses).toEqual(Array.from({ length: 6 }, () => 'FAILED'))
    expect(payments).toBe(2)
    expect(okResult(retry).payment.id).not.toBe(okResult(result).payment.id)
  })

  test('confirms agency install for its company', async () => {
    const result = await externalBilling().handle(
      query('/billing?clientId=app_T1-x&installType=agency&companyId=cmp_T1'),
    )

    expect(result.ok).toBe(true)
    const bodies = received().map((record) => JSON.parse(record.rawBody))
    expect(bodies).toHaveLength(1)
    expect(bodies[0]).toMatchObject({
      authType: 'company',
      companyId: 'cmp_T1',
    })
  })

  test('concurrent visit takes no second payment', async () => {
    let release = () => {}
    let started = () => {}
    const stepStarted = new Promise<void>((resolve) => {
      started = resolve
    })
    const slow: PaymentStep = async (attempt) => {
      started()
      await new Promise<void>((resolve) => {
        release = resolve
      })
      return succeeds(attempt)
    }
    const billing = externalBilling({ paymentStep: slow })

    const first = billing.handle(query(billingUrl))
    await stepStarted
    const second = await billing.handle(query(billingUrl))
    release()

    expect(errorResult(second).error.code).toBe('BILLING_PAYMENT_IN_PROGRESS')
    expect(okResult(await first).status).toBe('COMPLETED')
    expect(payments).toBe(1)
    expect(received()).toHaveLength(3)
  })

  test('thrown payment step is an error result', async () => {
    const paymentIds: string[] = []
    let calls = 0
    const flaky: PaymentStep = async (attempt) => {
      paymentIds.push(attempt.paymentId)
      calls += 1
      if (calls === 1) {
        throw new Error('provider timed out, key sk_live_not_for_users')
      }
      return succeeds(attempt)
    }
    const billing = externalBilling({ paymentStep: flaky })

    const failed = await billing.handle(query(billingUrl))
    const retried = await billing.handle(query(billingUrl))

    expect(errorResult(failed).error.code).toBe('BILLING_PAYMENT_STEP_FAILED')
    expect(errorResult(failed).error.status).toBe(502)
    expect(errorResult(failed).error.message).not.toContain('sk_live')
    expect(errorResult(failed).error.message).toContain(paymentIds[0])
    expect(okResult(retried).status).toBe('COMPLETED')
    expect(paymentIds[1]).toBe(paymentIds[0])
    expect(payments).toBe(1)
    expect(received()).toHaveLength(3)
  })

  test('rejected client secret names the variables', async () => {
    const billing = externalBilling({ clientSecret: 'not-the-secret' })

    const result = await billing.handle(query(billingUrl))
    const error = errorResult(result).error

    expect(error.code).toBe('BILLING_CONFIRMATION_FAILED')
    expect(error.message).toContain('status 401')
    expect(error.message).toContain('HOOPAI_CLIENT_SECRET')
    expect(error.message).not.toContain('not-the-secret')
    expect(received()).toHaveLength(0)
  })

  test('reinstall after uninstall pays again', async () => {
    const billing = externalBilling()
    const first = okResult(await billing.handle(query(billingUrl)))

    const closed = await billing.store.closeFor('app_T1', 'loc_B2')
    const second = okResult(await billing.handle(query(billingUrl)))

    expect(closed).toBe(1)
    expect(second.payment.id).not.toBe(first.payment.id)
    expect(payments).toBe(2)
    expect(received()).toHaveLength(6)
  })

  test('rejects another app client id', async () => {
    const result = await externalBilling().handle(
      query(billingUrl.replace('app_T1-x', 'app_Z9-y')),
    )

    expect(result.ok).toBe(false)
    expect(errorResult(result).error.code).toBe('BILLING_CLIENT_MISMATCH')
    expect(errorResult(result).error.status).toBe(400)
    expect(errorResult(result).error.message).toContain('"app_Z9-y"')
    expect(payments).toBe(0)
    expect(received()).toHaveLength(0)
    expect(sandboxBilling(sandbox.context).requests).toHaveLength(0)
  })

  test('retries failed confirmation with identical body', async () => {
    sandboxBilling(sandbox.context).failNextConfirmations('loc_B2', 500)
    const result = await externalBilling().handle(query(billingUrl))

    expect(result.ok).toBe(true)
    expect(payments).toBe(1)
    const forB2 = received().filter((record) => record.resourceId === 'loc_B2')
    expect(forB2).toHaveLength(1)
    expect(received()).toHaveLength(3)
    const row = okResult(result).confirmations.find(
      (confirmation) => confirmation.resource_id === 'loc_B2',
    )
    expect(row?.attempts).toBe(2)
    expect(forB2[0]?.rawBody).toBe(row?.body_json)
    const requests = sandboxBilling(sandbox.context).requests
    const triesForB2 = requests.filter((r) => r.rawBody.includes('loc_B2'))
    expect(triesForB2.map((r) => r.statusCode)).toEqual([500, 200])
    expect(triesForB2[0]?.rawBody).toBe(triesForB2[1]?.rawBody)
  })
})

describe('sandbox billing webhook', () => {
  test('wrong client secret gets 401', async () => {
    await using started = await startSandbox()
    started.context.state.apps.set(testApp.appId, { ...testApp })

    const response = await fetch(`${started.url}/oauth/billing/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ghl-client-key': clientId,
        'x-ghl-client-secret': 'not-the-secret',
      },
      body: JSON.stringify({
        clientId,
        authType: 'location',
        locationId: 'loc_A1',
        amount: 49,
        status: 'COMPLETED',
        paymentType: 'recurring',
      }),
    })

    expect(response.status).toBe(401)
    expect(sandboxBilling(started.context).confirmations).toHaveLength(0)
  })
})

import {
  ExternalBilling,
  InstallPlans,
  type PaymentStep,
  requirePlan,
  WebhookHandlers,
} from '@hoopkit/core'
import { readBillingRedirect } from '@hoopkit/testing'
import { afterEach, describe, expect, test } from 'vitest'
import { changePlan } from '../../src/billing/plan-change.js'
import { sandboxBilling } from '../../src/billing/sandbox-billing.js'
import { seedIds } from '../../src/state/seed-data.js'
import { submitConsent } from '../oauth/oauth-test-helpers.js'
import {
  type BillingPlatform,
  paidDeclaration,
  startBillingPlatform,
} from './billing-test-platform.js'

const plans = [
  {
    planId: 'basic',
    name: 'Basic',
    baseAmount: 0,
    resellingAmount: 0,
    paymentType: 'month' as const,
    features: [],
  },
  {
    planId: 'pro',
    name: 'Pro',
    baseAmount: 49,
    resellingAmount: 49,
    paymentType: 'month' as const,
    features: ['lead scoring'],
  },
]

let platform: BillingPlatform | undefined

afterEach(async () => {
  await platform?.[Symbol.asyncDispose]()
  platform = undefined
})

async function paidPlatform(): Promise<BillingPlatform> {
  platform = await startBillingPlatform({
    billingUrl: 'http://127.0.0.1:9/billing',
    plans,
  })
  return platform
}

/**
 * Installs the app on both seed sub-accounts as the agency admin and
 * returns the Billing URL that the billing redirect page opens.
 */
async function bulkConsent(current: BillingPlatform): Promise<string> {
  const response = await submitConsent(
    {
      sandbox: current.sandbox,
      app: current.app,
      webhooks: current.webhooks,
      close: async () => {},
      [Symbol.asyncDispose]: async () => {},
    },
    {
      userId: seedIds.agencyAdmin,
      locationIds: [seedIds.harbor, seedIds.peak],
    },
  )
  const location = response.headers.get('location') ?? ''
  const page = await fetch(new URL(location, current.sandbox.url))
  return readBillingRedirect(await page.text()).billingUrl
}

function externalBilling(
  current: BillingPlatform,
  options: { confirmCompany?: boolean; paymentStep?: PaymentStep } = {},
) {
  return new ExternalBilling({
    database: current.database,
    clientId: current.app.clientId,
    clientSecret: current.app.clientSecret,
    apiUrl: current.sandbox.url,
    paymentStep:
      options.paymentStep ??
      (async () => ({
        status: 'COMPLETED',
        amount: 49,
        paymentType: 'recurring',
      })),
    confirmCompany: options.confirmCompany,
    retryDelayMs: 5,
  })
}

function installWebhooks(current: BillingPlatform) {
  return current.webhooks.filter((body) => body['type'] === 'INSTALL')
}

describe('paid install through sandbox', () => {
  test('billing URL names agency and both locations', async () => {
    const current = await paidPlatform()

    const billingUrl = new URL(await bulkConsent(current))

    expect(billingUrl.pathname).toBe('/billing')
    expect(billingUrl.searchParams.get('clientId')).toBe(current.app.clientId)
    expect(billingUrl.searchParams.get('installType')).toBe('agency,location')
    expect(billingUrl.searchParams.get('companyId')).toBe(seedIds.company)
    expect(billingUrl.searchParams.get('locationId')).toBe(
      `${seedIds.harbor},${seedIds.peak}`,
    )
    expect(installWebhooks(current)).toHaveLength(0)
  })

  test('confirms once per location and company', async () => {
    const current = await paidPlatform()
    const billingUrl = new URL(await bulkConsent(current))

    const result = await externalBilling(current).handle(
      billingUrl.searchParams,
    )

    expect(result.ok).toBe(true)
    const received = sandboxBilling(current.sandbox.context).confirmations
    expect(received.map((r) => `${r.authType}:${r.resourceId}`)).toEqual([
      `location:${seedIds.harbor}`,
      `location:${seedIds.peak}`,
      `company:${seedIds.company}`,
    ])
    expect(sandboxBilling(current.sandbox.context).pendingInstalls()).toEqual(
      [],
    )
    expect(installWebhooks(current).length).toBeGreaterThan(0)
    expect(
      installWebhooks(current).every((body) => body['planId'] === 'basic'),
    ).toBe(true)
  })

  test('install waits for required company call', async () => {
    const current = await paidPlatform()
    const billingUrl = new URL(await bulkConsent(current))

    await externalBilling(current, { confirmCompany: false }).handle(
      billingUrl.searchParams,
    )

    expect(sandboxBilling(current.sandbox.context).confirmations).toHaveLength(
      2,
    )
    expect(
      sandboxBilling(current.sandbox.context).pendingInstalls(),
    ).toHaveLength(1)
    expect(installWebhooks(current)).toHaveLength(0)
  })

  test('install goes on when company call optional', async () => {
    const current = await paidPlatform()
    const billing = sandboxBilling(current.sandbox.context)
    billing.behaviour.requireCompanyConfirmation = false
    const billingUrl = new URL(await bulkConsent(current))

    await externalBilling(current).handle(billingUrl.searchParams)

    expect(billing.confirmations).toHaveLength(3)
    expect(billing.pendingInstalls()).toEqual([])
    expect(installWebhooks(current).length).toBeGreaterThan(0)
  })

  test('failed payment keeps install pending', async () => {
    const current = await paidPlatform()
    const billingUrl = new URL(await bulkConsent(current))
    const declined: PaymentStep = async () => ({
      status: 'FAILED',
      amount: 49,
      paymentType: 'recurring',
      failureReason: 'card declined',
    })

    const result = await externalBilling(current, {
      paymentStep: declined,
    }).handle(billingUrl.searchParams)

    expect(result.ok).toBe(true)
    expect(result.ok ? result.status : undefined).toBe('FAILED')
    const pending = sandboxBilling(current.sandbox.context).pendingInstalls()
    expect(pending).toHaveLength(1)
    expect(pending[0]?.failed).toBe(true)
    expect(installWebhooks(current)).toHaveLength(0)
  })

  test('retried confirmation is not repeated', async () => {
    const current = await paidPlatform()
    const billing = sandboxBilling(current.sandbox.context)
    billing.failNextConfirmations(seedIds.peak, 500)
    const billingUrl = new URL(await bulkConsent(current))
    const externally = externalBilling(current)

    await externally.handle(billingUrl.searchParams)
    await externally.handle(billingUrl.searchParams)

    const forPeak = billing.confirmations.filter(
      (record) => record.resourceId === seedIds.peak,
    )
    expect(forPeak).toHaveLength(1)
    expect(billing.confirmations).toHaveLength(3)
  })

  test('unavailable external billing installs at once', async () => {
    const current = await paidPlatform()
    const billing = sandboxBilling(current.sandbox.context)
    billing.behaviour.externalBilling = 'unavailable'

    await current.installLocation(seedIds.harbor)

    expect(billing.pendingInstalls()).toEqual([])
    const installs = installWebhooks(current)
    expect(installs).toHaveLength(1)
    expect(installs[0]?.['planId']).toBe('basic')
  })

  test.each([
    { createdAt: '2026-01-05', held: 1 },
    { createdAt: '2026-06-17', held: 1 },
    { createdAt: '2026-06-18', held: 0 },
  ])('app created $createdAt holds $held install', async (row) => {
    const current = await paidPlatform()
    const billing = sandboxBilling(current.sandbox.context)
    billing.behaviour.externalBilling = 'unavailable'
    current.sandbox.registerApp(
      { ...paidDeclaration, createdAt: row.createdAt },
      { publicUrl: 'http://127.0.0.1:9/' },
    )

    await current.installLocation(seedIds.harbor)

    const app = current.sandbox.context.state.apps.get(current.app.appId)
    expect(app?.createdAt).toBe(row.createdAt)
    expect(billing.pendingInstalls()).toHaveLength(row.held)
    expect(installWebhooks(current).length > 0).toBe(row.held === 0)
  })

  test('plan change updates install and gate', async () => {
    const current = await paidPlatform()
    await current.installLocation(seedIds.harbor)
    const installPlans = new InstallPlans({ database: current.database })
    const handlers = new WebhookHandlers()
    installPlans.handlePlanChanges(handlers)
    const before = await current.oauth.installs.get(
      current.app.appId,
      seedIds.harbor,
    )

    const changed = changePlan(current.sandbox.context, {
      appId: current.app.appId,
      locationId: seedIds.harbor,
      newPlanId: 'pro',
    })
    const body = current.webhooks.find(
      (entry) => entry['type'] === 'PLAN_CHANGE',
    )
    await handlers.dispatch('PLAN_CHANGE', body ?? {}, {
      webhookId: 'wh_plan_1',
      attempt: 1,
      logger: current.sandbox.context.logger,
      write: () => {
        throw new Error('these handlers write through their own stores')
      },
    })

    expect(changed).toBe(true)
    expect(body).toMatchObject({
      type: 'PLAN_CHANGE',
      appId: current.app.appId,
      locationId: seedIds.harbor,
      companyId: seedIds.company,
      currentPlanId: 'basic',
      newPlanId: 'pro',
    })
    expect(() => requirePlan(before, ['pro'])).toThrow(/expected one of pro/)
    const after = await current.oauth.installs.get(
      current.app.appId,
      seedIds.harbor,
    )
    expect(after?.planId).toBe('pro')
    expect(() => requirePlan(after, ['pro'])).not.toThrow()
  })
})

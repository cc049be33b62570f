import type { SsoUserContext } from '@hoopkit/core'
import { changePlan, sandboxBilling, sandboxMenus } from '@hoopkit/sandbox'
import { afterEach, describe, expect, test } from 'vitest'
import { testCards } from '../src/billing/test-card-payment.js'
import {
  consent,
  type OauthTestBackend,
  paidConsent,
  seedIds,
  startOauthBackend,
} from './oauth-test-backend.js'
import { startWebhookBackend } from './webhook-test-backend.js'

type Backend = Awaited<ReturnType<typeof startWebhookBackend>>

let backend: Backend | undefined
let actionBackend: OauthTestBackend | undefined

afterEach(async () => {
  await backend?.close()
  await actionBackend?.close()
  backend = undefined
  actionBackend = undefined
})

const actionSecret = 'premium-action-secret-0001'

/** Starts a backend that serves workflow actions, with Harbor on Pro. */
async function startProBackend(): Promise<OauthTestBackend> {
  actionBackend = await startOauthBackend({
    env: { HOOPKIT_ACTION_SECRET: actionSecret },
  })
  const callback = await consent(actionBackend, {
    userId: seedIds.harborUser,
    target: [seedIds.harbor],
  })
  await fetch(callback)
  await actionBackend.services.billing.plans.setPlan(
    actionBackend.app.appId,
    seedIds.harbor,
    'pro',
  )
  return actionBackend
}

/** Posts one premium action call, as the platform's workflow engine does. */
async function callPremiumAction(current: OauthTestBackend) {
  const response = await fetch(
    `${current.url}/workflows/actions/premium_score_lead`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hoopkit-action-secret': actionSecret,
      },
      body: JSON.stringify({
        data: { engagement: 90, budget: 'high' },
        extras: {
          locationId: seedIds.harbor,
          contactId: 'SbxContactHarbor0001',
          workflowId: 'wf_premium_1',
        },
        meta: { key: 'premium_score_lead', version: '1.0' },
      }),
    },
  )
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  }
}

/**
 * Starts the backend and a sandbox in real time, with the example app
 * registered as declared, so the sandbox offers it external billing.
 */
async function startPaidBackend(): Promise<Backend> {
  return await startWebhookBackend({ timeScale: 1, externalBilling: true })
}

/**
 * Installs the app on both seed sub-accounts as the agency admin, on Pro
 * unless told otherwise, follows the billing redirect page's callback step
 * and returns its Billing URL.
 */
async function installBoth(current: Backend, planId = 'pro'): Promise<URL> {
  const steps = await paidConsent(current, {
    userId: seedIds.agencyAdmin,
    target: [seedIds.harbor, seedIds.peak],
    planId,
  })
  const exchanged = await fetch(steps.callbackUrl)
  if (exchanged.status !== 200) {
    throw new Error(`callback: ${exchanged.status} ${await exchanged.text()}`)
  }
  return steps.billingUrl
}

async function pay(current: Backend, billingUrl: URL, cardNumber: string) {
  const form = new URLSearchParams(billingUrl.searchParams)
  form.set('cardNumber', cardNumber)
  const response = await fetch(`${current.url}/billing`, {
    method: 'POST',
    body: form,
  })
  return { status: response.status, page: await response.text() }
}

/** Waits until the sandbox delivered its webhooks and the backend ran them. */
async function settle(current: Backend): Promise<void> {
  await current.sender.settled()
  await current.services.webhooks.worker.drain()
}

async function billingSummary(current: Backend, locationId: string) {
  const context: SsoUserContext = {
    kind: 'location',
    userId: seedIds.agencyAdmin,
    companyId: seedIds.company,
    locationId,
    role: 'admin',
    userName: 'Avery Stone',
    email: 'avery@example.test',
    isAgencyOwner: true,
    versionId: null,
    appStatus: null,
    whitelabelDomain: null,
  }
  const { token } = await current.services.ui.sessions.issue(context)
  const input = encodeURIComponent(JSON.stringify({ locationId }))
  const response = await fetch(
    `${current.url}/trpc/billing.summary?input=${input}`,
    { headers: { authorization: `Bearer ${token}` } },
  )
  const body = (await response.json()) as {
    result: { data: { planId: string | null; chargedUnits: number } }
  }
  return { status: response.status, summary: body.result?.data }
}

/** Reads the hidden fields of the billing page's form, as a browser posts them. */
function hiddenFields(page: string): URLSearchParams {
  const form = new URLSearchParams()
  const inputs = page.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)">/g,
  )
  for (const [, name, value] of inputs) {
    form.append(name ?? '', value ?? '')
  }
  return form
}

describe('example app paid plan', () => {
  test('billing page shows payment form', async () => {
    backend = await startPaidBackend()
    const billingUrl = await installBoth(backend)

    const response = await fetch(billingUrl)
    const page = await response.text()

    expect(billingUrl.origin).toBe(backend.url)
    expect(response.status).toBe(200)
    expect(page).toContain('name="cardNumber"')
    expect(page).toContain(`sub-account ${seedIds.harbor}`)
    expect(page).toContain(`sub-account ${seedIds.peak}`)
  })

  test('another client id gets 400', async () => {
    backend = await startPaidBackend()
    const billingUrl = await installBoth(backend)
    billingUrl.searchParams.set('clientId', 'app_Z9-y')

    const response = await fetch(billingUrl)

    expect(response.status).toBe(400)
    expect(await response.text()).toContain('expected clientId')
    expect(sandboxBilling(backend.sandbox.context).requests).toHaveLength(0)
  })

  test('form posts every repeated locationId', async () => {
    backend = await startPaidBackend()
    const billingUrl = await installBoth(backend)
    billingUrl.searchParams.delete('locationId')
    billingUrl.searchParams.append('locationId', seedIds.harbor)
    billingUrl.searchParams.append('locationId', seedIds.peak)

    const page = await (await fetch(billingUrl)).text()
    const form = hiddenFields(page)
    form.set('cardNumber', testCards.succeeds)
    const paid = await fetch(`${backend.url}/billing`, {
      method: 'POST',
      body: form,
    })
    const billing = sandboxBilling(backend.sandbox.context)

    expect(page).toContain(`sub-account ${seedIds.peak}`)
    expect(paid.status).toBe(200)
    expect(await paid.text()).toContain('Payment complete')
    expect(billing.confirmations.map((record) => record.resourceId)).toEqual([
      seedIds.harbor,
      seedIds.peak,
      seedIds.company,
    ])
    expect(billing.pendingInstalls()).toEqual([])
  })

  test('reload after paying shows the outcome', async () => {
    backend = await startPaidBackend()
    const billingUrl = await installBoth(backend)
    await pay(backend, billingUrl, testCards.succeeds)

    const reload = await fetch(billingUrl)
    const page = await reload.text()

    expect(reload.status).toBe(200)
    expect(page).toContain('Payment complete')
    expect(page).not.toContain('name="cardNumber"')
  })

  test('unconfirmed payment offers a resend, no card', async () => {
    backend = await startWebhookBackend({
      timeScale: 1,
      externalBilling: true,
      env: { HOOPKIT_BILLING_MAX_ATTEMPTS: '1' },
    })
    const billing = sandboxBilling(backend.sandbox.context)
    const billingUrl = await installBoth(backend)
    billing.failNextConfirmations(seedIds.peak, 500)
    const first = await pay(backend, billingUrl, testCards.succeeds)

    const reload = await fetch(billingUrl)
    const page = await reload.text()
    const resent = await fetch(`${backend.url}/billing`, {
      method: 'POST',
      body: hiddenFields(page),
    })

    expect(first.status).toBe(502)
    expect(page).toContain('Send the confirmations again')
    expect(page).not.toContain('name="cardNumber"')
    expect(resent.status).toBe(200)
    expect(await resent.text()).toContain('Payment complete')
    expect(billing.pendingInstalls()).toEqual([])
  })

  test('declined card is confirmed as failed', async () => {
    backend = await startPaidBackend()
    const billingUrl = await installBoth(backend)

    const result = await pay(backend, billingUrl, testCards.declined)

    expect(result.status).toBe(200)
    expect(result.page).toContain('card declined')
    const billing = sandboxBilling(backend.sandbox.context)
    expect(billing.confirmations.map((record) => record.status)).toEqual([
      'FAILED',
      'FAILED',
      'FAILED',
    ])
    expect(billing.pendingInstalls()).toHaveLength(1)
  })

  test('paid install confirms each location once', async () => {
    backend = await startPaidBackend()
    const billing = sandboxBilling(backend.sandbox.context)
    const billingUrl = await installBoth(backend)

    const first = await pay(backend, billingUrl, testCards.succeeds)
    const reload = await pay(backend, billingUrl, testCards.succeeds)
    await settle(backend)

    expect(first.page).toContain('Payment complete')
    expect(reload.page).toContain('Payment complete')
    expect(billing.confirmations.map((record) => record.resourceId)).toEqual([
      seedIds.harbor,
      seedIds.peak,
      seedIds.company,
    ])
    expect(billing.pendingInstalls()).toEqual([])
    const harbor = await backend.services.oauth.installs.get(
      backend.app.appId,
      seedIds.harbor,
    )
    expect(harbor?.planId).toBe('pro')
  })

  test('plan change reaches summary and gate', async () => {
    backend = await startPaidBackend()
    const billingUrl = await installBoth(backend, 'basic')
    await pay(backend, billingUrl, testCards.succeeds)
    await settle(backend)
    const execution = {
      executionId: 'exec_1',
      extras: { locationId: seedIds.harbor },
    }
    const beforeChange = backend.services.billing.executions.charge(execution)
    await expect(beforeChange).rejects.toMatchObject({ code: 'PLAN_REQUIRED' })

    changePlan(backend.sandbox.context, {
      appId: backend.app.appId,
      locationId: seedIds.harbor,
      newPlanId: 'pro',
    })
    await settle(backend)
    await backend.services.billing.executions.charge(execution)
    await backend.services.billing.executions.charge(execution)
    const { status, summary } = await billingSummary(backend, seedIds.harbor)

    expect(status).toBe(200)
    expect(summary?.planId).toBe('pro')
    expect(summary?.chargedUnits).toBe(1)
    const charges = sandboxBilling(backend.sandbox.context).chargesOf(
      backend.app.appId,
      seedIds.harbor,
    )
    expect(charges).toHaveLength(1)
  })

  test('menu link appears and goes with agency', async () => {
    backend = await startPaidBackend()
    const menus = sandboxMenus(backend.sandbox.context)
    const view = {
      companyId: seedIds.company,
      locationId: seedIds.harbor,
      role: 'user' as const,
    }
    await installBoth(backend)

    const afterInstall = menus.navigationLinks(view).map((link) => link.title)
    backend.sandbox.context.installFlow.uninstall(
      backend.app.appId,
      seedIds.company,
    )
    await settle(backend)
    const afterUninstall = menus.navigationLinks(view).map((link) => link.title)

    expect(afterInstall).toEqual(['Lead health'])
    expect(afterUninstall).toEqual([])
    const stored = await backend.services.billing.menus.store.list(
      backend.app.appId,
      seedIds.company,
    )
    expect(stored).toEqual([])
  })

  test('premium action charges once per execution', async () => {
    const current = await startProBackend()
    const appId = current.app.appId

    const first = await callPremiumAction(current)
    const repeated = await callPremiumAction(current)

    expect(first.status).toBe(200)
    expect(first.body['score']).toBe(94)
    expect(repeated.body['chargeId']).toBe(first.body['chargeId'])
    const charges = sandboxBilling(current.sandbox.context).chargesOf(
      appId,
      seedIds.harbor,
    )
    expect(charges).toHaveLength(1)
    expect(charges[0]?.amountCharged).toBe(0.05)
  })

  test('premium action fails without funds', async () => {
    const current = await startProBackend()
    sandboxBilling(current.sandbox.context).setBalance(seedIds.harbor, 0)

    const result = await callPremiumAction(current)

    expect(result.status).toBeGreaterThanOrEqual(400)
    expect(JSON.stringify(result.body)).toContain('INSUFFICIENT_FUNDS')
    expect(
      sandboxBilling(current.sandbox.context).chargesOf(
        current.app.appId,
        seedIds.harbor,
      ),
    ).toHaveLength(0)
  })
})

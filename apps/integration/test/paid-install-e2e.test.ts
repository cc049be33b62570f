import { sandboxBilling } from '@hoopkit/sandbox'
import {
  chromiumSkipReason,
  launchChromium,
  screenshotOnFailure,
} from '@hoopkit/testing'
import { afterEach, describe, expect, test } from 'vitest'
import { testCards } from '../src/billing/test-card-payment.js'
import { consentPageUrl, paidConsent, seedIds } from './oauth-test-backend.js'
import { startWebhookBackend } from './webhook-test-backend.js'

type Backend = Awaited<ReturnType<typeof startWebhookBackend>>

const skipReason = chromiumSkipReason()

// Chromium must not resolve or reach any host but 127.0.0.1.
const localOnlyArgs = [
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
]

let backend: Backend | undefined

afterEach(async () => {
  await backend?.close()
  backend = undefined
})

/**
 * Starts the backend and a sandbox in real time, with the example app
 * registered as declared, and records every INSTALL the sandbox queues.
 */
async function startPaidBackend() {
  const started = await startWebhookBackend({
    timeScale: 1,
    externalBilling: true,
  })
  backend = started
  const installs: Record<string, unknown>[] = []
  started.sandbox.context.events.on('webhook', ({ body }) => {
    if (body['type'] === 'INSTALL') {
      installs.push(body)
    }
  })
  return { current: started, installs }
}

/** Installs on both seed sub-accounts on Pro and follows the callback step. */
async function installBoth(current: Backend): Promise<URL> {
  const steps = await paidConsent(current, {
    userId: seedIds.agencyAdmin,
    target: [seedIds.harbor, seedIds.peak],
    planId: 'pro',
  })
  const callback = await fetch(steps.callbackUrl)
  expect(callback.status).toBe(200)
  return steps.billingUrl
}

/** Posts the example billing page's form, as its Pay button does. */
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

function confirmationsOf(current: Backend): string[] {
  return sandboxBilling(current.sandbox.context).confirmations.map(
    (record) => `${record.authType}:${record.resourceId}:${record.status}`,
  )
}

/** Returns whether the backend received INSTALL for a sub-account. */
async function backendInstalled(current: Backend, locationId: string) {
  const events = await current.services.webhooks.inbox.recent(locationId, 10)
  return events.some((event) => event.type === 'INSTALL')
}

/** Returns whether the sandbox's dashboard shows a sub-account as unpaid. */
async function dashboardWaits(current: Backend, locationId: string) {
  const response = await fetch(
    `${current.sandbox.url}/?as=${locationUser(locationId)}`,
  )
  return (await response.text()).includes('waiting for billing')
}

function locationUser(locationId: string): string {
  return locationId === seedIds.peak ? seedIds.peakUser : seedIds.harborUser
}

describe('paid install through the sandbox', () => {
  test('multi-location install confirmed per resource', async () => {
    const { current, installs } = await startPaidBackend()
    const billing = sandboxBilling(current.sandbox.context)

    const billingUrl = await installBoth(current)
    await settle(current)
    const installedBeforePayment = await backendInstalled(
      current,
      seedIds.harbor,
    )
    const waitedBeforePayment = await dashboardWaits(current, seedIds.harbor)
    const pendingBeforePayment = billing.pendingInstalls().length
    const form = await fetch(billingUrl)
    const paid = await pay(current, billingUrl, testCards.succeeds)
    await settle(current)

    expect(billingUrl.origin).toBe(current.url)
    expect(billingUrl.searchParams.get('clientId')).toBe(current.app.clientId)
    expect(billingUrl.searchParams.get('installType')).toBe('agency,location')
    expect(billingUrl.searchParams.get('companyId')).toBe(seedIds.company)
    expect(billingUrl.searchParams.get('locationId')).toBe(
      `${seedIds.harbor},${seedIds.peak}`,
    )
    expect(installedBeforePayment).toBe(false)
    expect(waitedBeforePayment).toBe(true)
    expect(pendingBeforePayment).toBe(1)
    expect(form.status).toBe(200)
    expect(paid.status).toBe(200)
    expect(paid.page).toContain('Payment complete')
    expect(confirmationsOf(current)).toEqual([
      `location:${seedIds.harbor}:COMPLETED`,
      `location:${seedIds.peak}:COMPLETED`,
      `company:${seedIds.company}:COMPLETED`,
    ])
    expect(billing.pendingInstalls()).toEqual([])
    expect(installs.map((body) => body['locationId'])).toEqual([
      seedIds.harbor,
      seedIds.peak,
    ])
    expect(await backendInstalled(current, seedIds.harbor)).toBe(true)
    expect(await backendInstalled(current, seedIds.peak)).toBe(true)
    expect(await dashboardWaits(current, seedIds.harbor)).toBe(false)
  })

  test('retried confirmation is not repeated', async () => {
    const { current, installs } = await startPaidBackend()
    const billing = sandboxBilling(current.sandbox.context)
    billing.failNextConfirmations(seedIds.peak, 500)
    const billingUrl = await installBoth(current)

    const first = await pay(current, billingUrl, testCards.succeeds)
    const reload = await pay(current, billingUrl, testCards.succeeds)
    await settle(current)

    expect(first.page).toContain('Payment complete')
    expect(reload.page).toContain('Payment complete')
    expect(confirmationsOf(current)).toEqual([
      `location:${seedIds.harbor}:COMPLETED`,
      `location:${seedIds.peak}:COMPLETED`,
      `company:${seedIds.company}:COMPLETED`,
    ])
    const triesForPeak = billing.requests.filter((request) =>
      request.rawBody.includes(seedIds.peak),
    )
    expect(triesForPeak.map((request) => request.statusCode)).toEqual([
      500, 200,
    ])
    expect(triesForPeak[0]?.rawBody).toBe(triesForPeak[1]?.rawBody)
    expect(installs).toHaveLength(2)
  })

  test('declined card confirmed FAILED and shown', async () => {
    const { current, installs } = await startPaidBackend()
    const billing = sandboxBilling(current.sandbox.context)
    const billingUrl = await installBoth(current)

    const declined = await pay(current, billingUrl, testCards.declined)
    await settle(current)
    const afterDecline = {
      confirmations: confirmationsOf(current),
      pending: billing.pendingInstalls(),
      installs: installs.length,
      harborInstalled: await backendInstalled(current, seedIds.harbor),
      harborWaits: await dashboardWaits(current, seedIds.harbor),
    }
    const paid = await pay(current, billingUrl, testCards.succeeds)
    await settle(current)

    expect(declined.status).toBe(200)
    expect(declined.page).toContain('Your payment failed: card declined')
    expect(declined.page).toContain('Pay with another card')
    expect(afterDecline.confirmations).toEqual([
      `location:${seedIds.harbor}:FAILED`,
      `location:${seedIds.peak}:FAILED`,
      `company:${seedIds.company}:FAILED`,
    ])
    expect(afterDecline.pending).toHaveLength(1)
    expect(afterDecline.pending[0]?.failed).toBe(true)
    expect(afterDecline.installs).toBe(0)
    expect(afterDecline.harborInstalled).toBe(false)
    expect(afterDecline.harborWaits).toBe(true)
    expect(paid.page).toContain('Payment complete')
    expect(confirmationsOf(current).slice(3)).toEqual([
      `location:${seedIds.harbor}:COMPLETED`,
      `location:${seedIds.peak}:COMPLETED`,
      `company:${seedIds.company}:COMPLETED`,
    ])
    expect(billing.pendingInstalls()).toEqual([])
    expect(await backendInstalled(current, seedIds.harbor)).toBe(true)
    expect(await dashboardWaits(current, seedIds.harbor)).toBe(false)
  })
})

describe.skipIf(skipReason !== undefined)('paid install in a browser', () => {
  test('browser follows consent to billing page', async () => {
    const { current, installs } = await startPaidBackend()
    const consentUrl = await consentPageUrl(current)
    consentUrl.searchParams.set('as', seedIds.harborUser)
    await using browser = await launchChromium({ extraArgs: localOnlyArgs })
    const page = await browser.context.newPage()

    const visited = await screenshotOnFailure(
      page,
      'paid-install-browser',
      async () => {
        await page.goto(consentUrl.toString())
        await page.locator('input[name=plan_id][value=pro]').check()
        await page.getByRole('button', { name: 'Allow and install' }).click()
        await page.waitForURL(`${current.url}/billing?**`)
        const billingUrl = new URL(page.url())
        await page.getByLabel('Card number').fill(testCards.succeeds)
        await page.getByRole('button', { name: 'Pay' }).click()
        await page.waitForURL(`${current.url}/billing`)
        return { billingUrl, heading: await page.locator('h1').textContent() }
      },
    )
    await settle(current)

    expect(visited.heading).toBe('Payment complete')
    const { searchParams } = visited.billingUrl
    expect(searchParams.get('clientId')).toBe(current.app.clientId)
    expect(searchParams.get('installType')).toBe('location')
    expect(searchParams.get('locationId')).toBe(seedIds.harbor)
    expect(confirmationsOf(current)).toEqual([
      `location:${seedIds.harbor}:COMPLETED`,
    ])
    expect(installs.map((body) => body['locationId'])).toEqual([seedIds.harbor])
    expect(await backendInstalled(current, seedIds.harbor)).toBe(true)
  })

  test('redirect page reports unreachable callback', async () => {
    const { current, installs } = await startPaidBackend()
    const consentUrl = await consentPageUrl(current)
    consentUrl.searchParams.set('as', seedIds.harborUser)
    await using browser = await launchChromium({ extraArgs: localOnlyArgs })
    const page = await browser.context.newPage()
    await page.goto(consentUrl.toString())
    await current.server.close()

    const problem = await screenshotOnFailure(
      page,
      'paid-install-unreachable',
      async () => {
        await page.getByRole('button', { name: 'Allow and install' }).click()
        const text = page.locator('#billing-redirect-problem')
        await text.waitFor({ state: 'visible' })
        return await text.textContent()
      },
    )

    expect(problem).toContain("The app's callback did not respond")
    expect(page.url()).toContain('/oauth/billing-redirect/')
    expect(
      sandboxBilling(current.sandbox.context).pendingInstalls(),
    ).toHaveLength(1)
    expect(installs).toHaveLength(0)
  })
})

const actionSecret = 'premium-action-secret-0002'

/** Posts one premium action call for Harbor, as the workflow engine does. */
async function callPremiumAction(current: Backend) {
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
          workflowId: 'wf_premium_e2e',
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

describe('plan bought on the Billing URL', () => {
  test('pro install pays pro and unlocks premium', async () => {
    const current = await startWebhookBackend({
      timeScale: 1,
      externalBilling: true,
      env: { HOOPKIT_ACTION_SECRET: actionSecret },
    })
    backend = current
    const appId = current.app.appId
    const billing = sandboxBilling(current.sandbox.context)

    const steps = await paidConsent(current, {
      userId: seedIds.harborUser,
      target: [seedIds.harbor],
      planId: 'pro',
    })
    const callback = await fetch(steps.callbackUrl)
    const form = await (await fetch(steps.billingUrl)).text()
    const paid = await pay(current, steps.billingUrl, testCards.succeeds)
    await settle(current)
    const install = await current.services.oauth.installs.get(
      appId,
      seedIds.harbor,
    )
    const action = await callPremiumAction(current)

    expect(callback.status).toBe(200)
    expect(form).toContain('The Pro plan costs $49.00')
    expect(paid.status).toBe(200)
    expect(paid.page).toContain('Payment complete')
    const amounts = billing.confirmations.map((record) => record.amount)
    expect(amounts).toEqual([49])
    expect(billing.planOf(appId, seedIds.harbor)).toBe('pro')
    expect(install?.planId).toBe('pro')
    expect(action.status).toBe(200)
    expect(JSON.stringify(action.body)).not.toContain('PLAN_REQUIRED')
    expect(billing.chargesOf(appId, seedIds.harbor)).toHaveLength(1)
  })

  test('basic install shows its own price', async () => {
    const current = await startPaidBackend()
    const billing = sandboxBilling(current.current.sandbox.context)
    const appId = current.current.app.appId

    const steps = await paidConsent(current.current, {
      userId: seedIds.harborUser,
      target: [seedIds.harbor],
      planId: 'basic',
    })
    await fetch(steps.callbackUrl)
    const form = await (await fetch(steps.billingUrl)).text()
    const paid = await pay(current.current, steps.billingUrl, '')
    await settle(current.current)
    const install = await current.current.services.oauth.installs.get(
      appId,
      seedIds.harbor,
    )

    expect(form).toContain('The Basic plan is free')
    expect(form).not.toContain('$49.00')
    expect(paid.page).toContain('Payment complete')
    const amounts = billing.confirmations.map((record) => record.amount)
    expect(amounts).toEqual([0])
    expect(billing.planOf(appId, seedIds.harbor)).toBe('basic')
    expect(install?.planId).toBe('basic')
  })
})

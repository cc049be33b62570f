import { readBillingRedirect } from '@hoopkit/testing'
import { afterEach, describe, expect, test } from 'vitest'
import { sandboxBilling } from '../../src/billing/sandbox-billing.js'
import { seedIds } from '../../src/state/seed-data.js'
import { submitConsent, tokenRequest } from '../oauth/oauth-test-helpers.js'
import {
  type BillingPlatform,
  startBillingPlatform,
} from './billing-test-platform.js'

const billingUrl = 'http://127.0.0.1:9/billing'

let platform: BillingPlatform | undefined

afterEach(async () => {
  await platform?.[Symbol.asyncDispose]()
  platform = undefined
})

async function paidPlatform(): Promise<BillingPlatform> {
  platform = await startBillingPlatform({ billingUrl })
  return platform
}

/** Posts the consent form for Harbor Dental as its staff user. */
function consentHarbor(current: BillingPlatform): Promise<Response> {
  return submitConsent(
    {
      sandbox: current.sandbox,
      app: current.app,
      webhooks: current.webhooks,
      close: async () => {},
      [Symbol.asyncDispose]: async () => {},
    },
    { userId: seedIds.harborUser, locationIds: [seedIds.harbor] },
  )
}

async function redirectPage(current: BillingPlatform, location: string) {
  const response = await fetch(new URL(location, current.sandbox.url))
  return { status: response.status, page: await response.text() }
}

describe('billing redirect after consent', () => {
  test('paid consent opens redirect page', async () => {
    const current = await paidPlatform()

    const consent = await consentHarbor(current)
    const location = consent.headers.get('location') ?? ''
    const { status, page } = await redirectPage(current, location)
    const steps = readBillingRedirect(page)

    expect(consent.status).toBe(303)
    expect(location).toMatch(/^\/oauth\/billing-redirect\/[0-9a-f-]{36}$/)
    expect(status).toBe(200)
    const callback = new URL(steps.callbackUrl)
    expect(`${callback.origin}${callback.pathname}`).toBe(
      current.app.redirectUri,
    )
    expect(callback.searchParams.get('code')).toMatch(/^[0-9a-f]{40}$/)
    const [pending] = sandboxBilling(current.sandbox.context).pendingInstalls()
    expect(steps.billingUrl).toBe(pending?.billingUrl)
    const billing = new URL(steps.billingUrl)
    expect(billing.searchParams.get('installType')).toBe('location')
    expect(billing.searchParams.get('locationId')).toBe(seedIds.harbor)
    expect(page.indexOf('id="callback-step"')).toBeLessThan(
      page.indexOf('id="billing-step"'),
    )
  })

  test('status reports code exchange', async () => {
    const current = await paidPlatform()
    const consent = await consentHarbor(current)
    const location = consent.headers.get('location') ?? ''
    const { page } = await redirectPage(current, location)
    const code =
      new URL(readBillingRedirect(page).callbackUrl).searchParams.get('code') ??
      ''
    const statusUrl = new URL(`${location}/status`, current.sandbox.url)

    const before = await (await fetch(statusUrl)).json()
    const exchange = await tokenRequest(
      {
        sandbox: current.sandbox,
        app: current.app,
        webhooks: current.webhooks,
        close: async () => {},
        [Symbol.asyncDispose]: async () => {},
      },
      { grant_type: 'authorization_code', code },
    )
    const after = await (await fetch(statusUrl)).json()

    expect(before).toEqual({ codeExchanged: false })
    expect(exchange.status).toBe(200)
    expect(after).toEqual({ codeExchanged: true })
  })

  test('free consent goes to callback', async () => {
    const current = await paidPlatform()
    const billing = sandboxBilling(current.sandbox.context)
    billing.behaviour.externalBilling = 'unavailable'

    const consent = await consentHarbor(current)

    expect(consent.status).toBe(302)
    const location = new URL(consent.headers.get('location') ?? '')
    expect(`${location.origin}${location.pathname}`).toBe(
      current.app.redirectUri,
    )
    expect(billing.pendingInstalls()).toEqual([])
  })

  test('unknown redirect id gets 404', async () => {
    const current = await paidPlatform()
    const path = '/oauth/billing-redirect/00000000-0000-0000-0000-000000000000'

    const page = await fetch(new URL(path, current.sandbox.url))
    const status = await fetch(new URL(`${path}/status`, current.sandbox.url))

    expect(page.status).toBe(404)
    expect(await page.text()).toContain('install the app again')
    expect(status.status).toBe(404)
    expect(await status.json()).toMatchObject({ statusCode: 404 })
  })

  test('dashboard marks install waiting for billing', async () => {
    const current = await paidPlatform()
    const dashboardUrl = `${current.sandbox.url}/?as=${seedIds.harborUser}`
    const before = await (await fetch(dashboardUrl)).text()

    await consentHarbor(current)
    const after = await (await fetch(dashboardUrl)).text()

    expect(before).not.toContain('waiting for billing')
    expect(after).toContain('installed, Location token, waiting for billing')
  })
})

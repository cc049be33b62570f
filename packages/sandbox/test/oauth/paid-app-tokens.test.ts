import { describe, expect, test } from 'vitest'
import { sandboxBilling } from '../../src/billing/sandbox-billing.js'
import { seedIds } from '../../src/state/seed-data.js'
import { install, startTestPlatform } from './oauth-test-helpers.js'

const plan = {
  planId: 'plan_notes_pro',
  name: 'Pro',
  baseAmount: 10,
  resellingAmount: 20,
  paymentType: 'month' as const,
  features: ['lead-scoring'],
}

describe('token responses of paid apps', () => {
  test('carry the install plan', async () => {
    await using platform = await startTestPlatform()
    sandboxBilling(platform.sandbox.context).configureApp({
      appId: platform.app.appId,
      billingUrl: null,
      plans: [plan],
      meters: [],
    })
    const company = await install(platform, {
      userId: seedIds.agencyAdmin,
      locationIds: [seedIds.peak],
    })
    const response = await fetch(
      `${platform.sandbox.url}/oauth/locationToken`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${String(company['access_token'])}`,
          version: '2021-07-28',
        },
        body: new URLSearchParams({
          companyId: seedIds.company,
          locationId: seedIds.peak,
        }),
      },
    )
    const minted = (await response.json()) as Record<string, unknown>

    expect(company['planId']).toBe('plan_notes_pro')
    expect(minted['planId']).toBe('plan_notes_pro')
  })

  test('omit planId for free apps', async () => {
    await using platform = await startTestPlatform()
    const tokens = await install(platform)

    expect(tokens).not.toHaveProperty('planId')
  })
})

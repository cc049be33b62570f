import { describe, expect, test } from 'vitest'
import { seedIds } from '../../src/state/seed-data.js'
import {
  authorizeQuery,
  consentCode,
  startTestPlatform,
  submitConsent,
  type TestPlatform,
  tokenRequest,
} from './oauth-test-helpers.js'

async function appUninstall(
  platform: TestPlatform,
  token: unknown,
  body: Record<string, string>,
) {
  const url = `${platform.sandbox.url}/marketplace/app/${platform.app.appId}/installations`
  const response = await fetch(url, {
    method: 'DELETE',
    headers: {
      authorization: `Bearer ${String(token)}`,
      'content-type': 'application/json',
      version: '2021-07-28',
    },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: await response.json() }
}

async function exchange(platform: TestPlatform, code: string) {
  const { body } = await tokenRequest(platform, {
    grant_type: 'authorization_code',
    code,
  })
  return body
}

async function bulkInstallWithFuture(platform: TestPlatform) {
  const form = new URLSearchParams(authorizeQuery(platform.app))
  form.set('user_id', seedIds.agencyAdmin)
  form.set('target', 'locations')
  form.append('location_id', seedIds.harbor)
  form.set('install_to_future_locations', 'true')
  const response = await fetch(
    `${platform.sandbox.url}/v2/oauth/chooselocation`,
    { method: 'POST', body: form, redirect: 'manual' },
  )
  const code = new URL(response.headers.get('location') ?? '').searchParams
  return exchange(platform, code.get('code') ?? '')
}

describe('app-initiated uninstall', () => {
  test('revokes tokens and sends no UNINSTALL', async () => {
    await using platform = await startTestPlatform()
    const tokens = await exchange(platform, await consentCode(platform))
    const before = platform.webhooks.length
    const result = await appUninstall(platform, tokens['access_token'], {
      locationId: seedIds.harbor,
      reason: 'customer left',
    })
    const { auth, installs } = platform.sandbox.context

    expect(result).toEqual({ status: 200, body: { success: true } })
    expect(installs.find(platform.app.appId, seedIds.harbor)).toBeUndefined()
    expect(
      auth.authenticate(`Bearer ${String(tokens['access_token'])}`).ok,
    ).toBe(false)
    expect(platform.webhooks.length).toBe(before)
  })

  test('sends UNINSTALL when configured', async () => {
    await using platform = await startTestPlatform({
      uninstallWebhookAfterAppUninstall: true,
    })
    const tokens = await exchange(platform, await consentCode(platform))
    await appUninstall(platform, tokens['access_token'], {
      locationId: seedIds.harbor,
    })

    expect(platform.webhooks.at(-1)).toEqual({
      type: 'UNINSTALL',
      appId: platform.app.appId,
      locationId: seedIds.harbor,
    })
  })

  test('rejects another location', async () => {
    await using platform = await startTestPlatform()
    const tokens = await exchange(platform, await consentCode(platform))
    const result = await appUninstall(platform, tokens['access_token'], {
      locationId: seedIds.peak,
    })

    expect(result.status).toBe(403)
    expect(
      platform.sandbox.context.installs.find(
        platform.app.appId,
        seedIds.harbor,
      ),
    ).toBeDefined()
  })
})

describe('future locations', () => {
  test('new sub-account gets INSTALL without ids', async () => {
    await using platform = await startTestPlatform()
    const tokens = await bulkInstallWithFuture(platform)
    const response = await fetch(`${platform.sandbox.url}/ui/locations`, {
      method: 'POST',
      body: new URLSearchParams({
        companyId: seedIds.company,
        name: 'Cove Cafe',
      }),
      redirect: 'manual',
    })
    const created = platform.sandbox.context.state
      .locationsOf(seedIds.company)
      .find((location) => location.name === 'Cove Cafe')

    expect(tokens['installToFutureLocations']).toBe(true)
    expect(response.status).toBe(303)
    expect(created).toBeDefined()
    expect(platform.webhooks.at(-1)).toMatchObject({
      type: 'INSTALL',
      appId: platform.app.appId,
      locationId: created?.id,
    })
    expect(platform.webhooks.at(-1)).not.toHaveProperty('companyId')
    expect(platform.webhooks.at(-1)).not.toHaveProperty('userId')
  })

  test('adds ids when configured', async () => {
    await using platform = await startTestPlatform({
      futureLocationInstallIds: true,
    })
    await bulkInstallWithFuture(platform)
    await fetch(`${platform.sandbox.url}/ui/locations`, {
      method: 'POST',
      body: new URLSearchParams({
        companyId: seedIds.company,
        name: 'Cove Cafe',
      }),
      redirect: 'manual',
    })

    expect(platform.webhooks.at(-1)).toMatchObject({
      companyId: seedIds.company,
      userId: seedIds.agencyAdmin,
    })
  })

  test('location token works for new sub-account', async () => {
    await using platform = await startTestPlatform()
    const tokens = await bulkInstallWithFuture(platform)
    await fetch(`${platform.sandbox.url}/ui/locations`, {
      method: 'POST',
      body: new URLSearchParams({
        companyId: seedIds.company,
        name: 'Cove Cafe',
      }),
      redirect: 'manual',
    })
    const locationId = String(platform.webhooks.at(-1)?.['locationId'])
    const response = await fetch(
      `${platform.sandbox.url}/oauth/locationToken`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${String(tokens['access_token'])}`,
          version: '2021-07-28',
        },
        body: new URLSearchParams({ companyId: seedIds.company, locationId }),
      },
    )

    expect(response.status).toBe(200)
  })
})

describe('private app agency cap', () => {
  function addAgencyInstalls(platform: TestPlatform, count: number) {
    for (let index = 0; index < count; index += 1) {
      platform.sandbox.context.installs.add({
        appId: platform.app.appId,
        versionId: platform.app.versionId,
        userType: 'Company',
        companyId: `SbxOtherAgency${String(index).padStart(6, '0')}`,
        locationId: null,
        userId: 'SbxOtherAgencyUser01',
        isBulkInstallation: false,
        installToFutureLocations: false,
        installedAt: '2026-01-05T09:00:00.000Z',
      })
    }
  }

  test('rejects a sixth agency', async () => {
    await using platform = await startTestPlatform()
    addAgencyInstalls(platform, 5)
    const response = await submitConsent(platform)

    expect(response.status).toBe(400)
    expect(await response.text()).toContain('the maximum of 5')
  })

  test('accepts a fifth agency', async () => {
    await using platform = await startTestPlatform()
    addAgencyInstalls(platform, 4)
    const response = await submitConsent(platform)

    expect(response.status).toBe(302)
  })

  test('lifts the cap when configured', async () => {
    await using platform = await startTestPlatform({
      privateAppAgencyCap: null,
    })
    addAgencyInstalls(platform, 5)
    const response = await submitConsent(platform)

    expect(response.status).toBe(302)
  })
})

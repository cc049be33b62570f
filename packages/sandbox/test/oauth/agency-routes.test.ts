import { describe, expect, test } from 'vitest'
import { seedIds } from '../../src/state/seed-data.js'
import {
  install,
  startTestPlatform,
  type TestPlatform,
  tokenRequest,
} from './oauth-test-helpers.js'

const version = '2021-07-28'

async function bulkInstall(platform: TestPlatform, locationIds: string[]) {
  return install(platform, { userId: seedIds.agencyAdmin, locationIds })
}

async function locationToken(
  platform: TestPlatform,
  token: unknown,
  fields: Record<string, string>,
  headers: Record<string, string> = { version },
) {
  const response = await fetch(`${platform.sandbox.url}/oauth/locationToken`, {
    method: 'POST',
    headers: { authorization: `Bearer ${String(token)}`, ...headers },
    body: new URLSearchParams(fields),
  })
  const body = (await response.json()) as Record<string, unknown>
  return { status: response.status, body }
}

async function installedLocations(
  platform: TestPlatform,
  token: unknown,
  query: Record<string, string>,
  headers: Record<string, string> = { version },
) {
  const url = new URL('/oauth/installedLocations', platform.sandbox.url)
  url.search = new URLSearchParams(query).toString()
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${String(token)}`, ...headers },
  })
  const body = (await response.json()) as Record<string, unknown>
  return { status: response.status, body }
}

describe('location token endpoint', () => {
  test('mints Location token from Company token', async () => {
    await using platform = await startTestPlatform()
    const company = await bulkInstall(platform, [seedIds.harbor, seedIds.peak])
    const minted = await locationToken(platform, company['access_token'], {
      companyId: seedIds.company,
      locationId: seedIds.peak,
    })

    expect(minted.status).toBe(200)
    expect(Object.keys(minted.body).sort()).toEqual(
      [
        'access_token',
        'appId',
        'companyId',
        'expires_in',
        'locationId',
        'refresh_token',
        'scope',
        'token_type',
        'traceId',
        'userId',
        'userType',
        'versionId',
      ].sort(),
    )
    expect(minted.body['userType']).toBe('Location')
    expect(minted.body['locationId']).toBe(seedIds.peak)
    expect(minted.body['appId']).toBe(platform.app.appId)
    expect(minted.body['userId']).toBe(seedIds.agencyAdmin)
    const auth = platform.sandbox.context.auth.authenticate(
      `Bearer ${String(minted.body['access_token'])}`,
    )
    expect(auth.ok && auth.grant.locationId).toBe(seedIds.peak)
  })

  test('refreshes a minted Location token', async () => {
    await using platform = await startTestPlatform()
    const company = await bulkInstall(platform, [seedIds.harbor])
    const minted = await locationToken(platform, company['access_token'], {
      companyId: seedIds.company,
      locationId: seedIds.harbor,
    })
    const refreshed = await tokenRequest(platform, {
      grant_type: 'refresh_token',
      refresh_token: String(minted.body['refresh_token']),
      user_type: 'Location',
    })

    expect(refreshed.status).toBe(200)
    expect(refreshed.body['locationId']).toBe(seedIds.harbor)
  })

  test('rejects location without install', async () => {
    await using platform = await startTestPlatform()
    const company = await bulkInstall(platform, [seedIds.harbor])
    const minted = await locationToken(platform, company['access_token'], {
      companyId: seedIds.company,
      locationId: seedIds.peak,
    })

    expect(minted.status).toBe(400)
    expect(minted.body['message']).toBe(
      `The app is not installed on location ${seedIds.peak}`,
    )
  })

  test('rejects missing or wrong Version', async () => {
    await using platform = await startTestPlatform()
    const company = await bulkInstall(platform, [seedIds.harbor])
    const fields = { companyId: seedIds.company, locationId: seedIds.harbor }

    const missing = await locationToken(
      platform,
      company['access_token'],
      fields,
      {},
    )
    const v3 = await locationToken(platform, company['access_token'], fields, {
      version: 'v3',
    })

    expect(missing.status).toBe(400)
    expect(v3.status).toBe(400)
    expect(String(v3.body['message'])).toContain(
      'not available in API version v3',
    )
  })

  test('rejects Location bearer token', async () => {
    await using platform = await startTestPlatform()
    const location = await install(platform)
    const minted = await locationToken(platform, location['access_token'], {
      companyId: seedIds.company,
      locationId: seedIds.harbor,
    })

    expect(minted.status).toBe(403)
    expect(minted.body['message']).toBe(
      'The token does not have access to this company',
    )
  })

  test('rejects missing form fields with 422', async () => {
    await using platform = await startTestPlatform()
    const company = await bulkInstall(platform, [seedIds.harbor])
    const minted = await locationToken(platform, company['access_token'], {})

    expect(minted.status).toBe(422)
    expect(minted.body['message']).toEqual([
      'companyId should not be empty',
      'locationId should not be empty',
    ])
  })

  test('rejects invalid bearer token', async () => {
    await using platform = await startTestPlatform()
    const minted = await locationToken(platform, 'not-a-token', {
      companyId: seedIds.company,
      locationId: seedIds.harbor,
    })

    expect(minted.status).toBe(401)
    expect(minted.body).toEqual({
      statusCode: 401,
      message: 'Invalid token: access token is invalid',
      error: 'Unauthorized',
    })
  })
})

describe('installed locations endpoint', () => {
  test('lists sub-accounts with install state', async () => {
    await using platform = await startTestPlatform()
    const company = await install(platform, {
      userId: seedIds.agencyAdmin,
      locationIds: [seedIds.peak],
    })
    const listed = await installedLocations(platform, company['access_token'], {
      companyId: seedIds.company,
      appId: platform.app.appId,
    })

    expect(listed.status).toBe(200)
    expect(listed.body['count']).toBe(2)
    expect(listed.body['installToFutureLocations']).toBe(false)
    expect(listed.body['locations']).toEqual([
      {
        _id: seedIds.harbor,
        name: 'Harbor Dental',
        address: '12 Pier Road, Portland, ME 04101, US',
        isInstalled: false,
      },
      {
        _id: seedIds.peak,
        name: 'Peak Fitness',
        address: '400 Summit Ave, Denver, CO 80202, US',
        isInstalled: true,
        versionId: platform.app.versionId,
        installedAt: expect.any(String),
      },
    ])
  })

  test('filters and pages the list', async () => {
    await using platform = await startTestPlatform()
    const company = await bulkInstall(platform, [seedIds.peak])
    const base = { companyId: seedIds.company, appId: platform.app.appId }
    const token = company['access_token']

    const installed = await installedLocations(platform, token, {
      ...base,
      isInstalled: 'true',
    })
    const paged = await installedLocations(platform, token, {
      ...base,
      skip: '1',
      limit: '1',
    })
    const named = await installedLocations(platform, token, {
      ...base,
      query: 'harbor',
    })

    expect(installed.body['count']).toBe(1)
    expect(paged.body['count']).toBe(2)
    expect(paged.body['locations']).toHaveLength(1)
    expect(named.body['count']).toBe(1)
  })

  test('answers v3 Version with 400', async () => {
    await using platform = await startTestPlatform()
    const company = await bulkInstall(platform, [seedIds.peak])
    const listed = await installedLocations(
      platform,
      company['access_token'],
      { companyId: seedIds.company, appId: platform.app.appId },
      { version: 'v3' },
    )

    expect(listed.status).toBe(400)
  })

  test('requires companyId and appId', async () => {
    await using platform = await startTestPlatform()
    const company = await bulkInstall(platform, [seedIds.peak])
    const listed = await installedLocations(
      platform,
      company['access_token'],
      {},
    )

    expect(listed.status).toBe(422)
    expect(listed.body['message']).toEqual([
      'companyId should not be empty',
      'appId should not be empty',
    ])
  })
})

import { describe, expect, test } from 'vitest'
import { seedIds } from '../../src/state/seed-data.js'
import {
  authorizeQuery,
  consentCode,
  install,
  startTestPlatform,
  submitConsent,
  tokenRequest,
} from './oauth-test-helpers.js'

async function getConsent(url: string, path: string, query: string) {
  const response = await fetch(`${url}${path}?${query}`)
  return { status: response.status, text: await response.text() }
}

describe('consent page', () => {
  test('shows app, scopes and users', async () => {
    await using platform = await startTestPlatform()
    const page = await getConsent(
      platform.sandbox.url,
      '/v2/oauth/chooselocation',
      authorizeQuery(platform.app).toString(),
    )

    expect(page.status).toBe(200)
    expect(page.text).toContain('Lead Notes Test')
    expect(page.text).toContain('contacts.write')
    expect(page.text).toContain('Avery Stone')
    expect(page.text).toContain('Hana Brooks')
    expect(page.text).toContain(seedIds.harbor)
  })

  test('rejects unknown client id', async () => {
    await using platform = await startTestPlatform()
    const query = authorizeQuery(platform.app)
    query.set('client_id', '0123456789abcdef01234567-unknown1')
    const page = await getConsent(
      platform.sandbox.url,
      '/v2/oauth/chooselocation',
      query.toString(),
    )

    expect(page.status).toBe(400)
    expect(page.text).toContain(
      'No integration found with the id: 0123456789abcdef01234567-unknown1',
    )
  })

  test('requires version_id on v2 only', async () => {
    await using platform = await startTestPlatform()
    const query = authorizeQuery(platform.app)
    query.delete('version_id')
    const { url } = platform.sandbox

    const v2 = await getConsent(
      url,
      '/v2/oauth/chooselocation',
      query.toString(),
    )
    const legacy = await getConsent(
      url,
      '/oauth/chooselocation',
      query.toString(),
    )

    expect(v2.status).toBe(400)
    expect(v2.text).toContain('version_id')
    expect(legacy.status).toBe(200)
  })

  test('accepts v2 without version_id when configured', async () => {
    await using platform = await startTestPlatform({ requireVersionId: false })
    const query = authorizeQuery(platform.app)
    query.delete('version_id')
    const page = await getConsent(
      platform.sandbox.url,
      '/v2/oauth/chooselocation',
      query.toString(),
    )

    expect(page.status).toBe(200)
  })

  test('rejects redirect URI not byte-identical', async () => {
    await using platform = await startTestPlatform()
    const registered = platform.app.redirectUri
    const variants = [
      `${registered}/`,
      registered.replace('127.0.0.1', 'localhost'),
      encodeURIComponent(registered),
    ]

    for (const redirectUri of variants) {
      const query = authorizeQuery(platform.app)
      query.set('redirect_uri', redirectUri)
      const page = await getConsent(
        platform.sandbox.url,
        '/v2/oauth/chooselocation',
        query.toString(),
      )
      expect(page.status, redirectUri).toBe(400)
      expect(page.text, redirectUri).toContain('Invalid redirect_uri')
    }
  })

  test('accepts %20 and + between scopes', async () => {
    await using platform = await startTestPlatform()
    const base = authorizeQuery(platform.app)
    base.delete('scope')
    const { url } = platform.sandbox

    const encoded = await getConsent(
      url,
      '/v2/oauth/chooselocation',
      `${base}&scope=contacts.readonly%20contacts.write`,
    )
    const plus = await getConsent(
      url,
      '/v2/oauth/chooselocation',
      `${base}&scope=contacts.readonly+contacts.write`,
    )

    expect(encoded.status).toBe(200)
    expect(plus.status).toBe(200)
  })

  test('rejects %2B between scopes', async () => {
    await using platform = await startTestPlatform()
    const base = authorizeQuery(platform.app)
    base.delete('scope')
    const page = await getConsent(
      platform.sandbox.url,
      '/v2/oauth/chooselocation',
      `${base}&scope=contacts.readonly%2Bcontacts.write`,
    )

    expect(page.status).toBe(400)
    expect(page.text).toContain('Invalid scope')
  })

  test('rejects undeclared scope and response type', async () => {
    await using platform = await startTestPlatform()
    const { url } = platform.sandbox
    const scope = authorizeQuery(platform.app)
    scope.set('scope', 'contacts.readonly users.write')
    const responseType = authorizeQuery(platform.app)
    responseType.set('response_type', 'token')

    const scopePage = await getConsent(url, '/oauth/chooselocation', `${scope}`)
    const typePage = await getConsent(
      url,
      '/oauth/chooselocation',
      `${responseType}`,
    )

    expect(scopePage.status).toBe(400)
    expect(scopePage.text).toContain('users.write')
    expect(typePage.status).toBe(400)
    expect(typePage.text).toContain('Invalid response_type')
  })

  test('redirects with 40-hex code and no state', async () => {
    await using platform = await startTestPlatform()
    const query = authorizeQuery(platform.app)
    query.set('state', 'xyz-1')
    const response = await submitConsent(platform, { query })
    const location = new URL(response.headers.get('location') ?? '')

    expect(response.status).toBe(302)
    expect(`${location.origin}${location.pathname}`).toBe(
      platform.app.redirectUri,
    )
    expect(location.searchParams.get('code')).toMatch(/^[0-9a-f]{40}$/)
    expect(location.searchParams.has('state')).toBe(false)
  })

  test('echoes state when configured', async () => {
    await using platform = await startTestPlatform({ echoState: true })
    const query = authorizeQuery(platform.app)
    query.set('state', 'xyz-1')
    const response = await submitConsent(platform, { query })
    const location = new URL(response.headers.get('location') ?? '')

    expect(location.searchParams.get('state')).toBe('xyz-1')
  })

  test('sub-account user gets Location token', async () => {
    await using platform = await startTestPlatform()
    const tokens = await install(platform)
    const port = new URL(platform.sandbox.url).port

    expect(tokens['userType']).toBe('Location')
    expect(tokens['locationId']).toBe(seedIds.harbor)
    expect(tokens['companyId']).toBe(seedIds.company)
    expect(tokens['userId']).toBe(seedIds.harborUser)
    expect(tokens['isBulkInstallation']).toBe(false)
    expect(platform.webhooks).toHaveLength(1)
    expect(platform.webhooks[0]).toMatchObject({
      type: 'INSTALL',
      appId: platform.app.appId,
      installType: 'Location',
      locationId: seedIds.harbor,
      companyId: seedIds.company,
      userId: seedIds.harborUser,
      companyName: 'Summit Digital Agency',
      isWhitelabelCompany: true,
      whitelabelDetails: {
        domain: `app.summit-agency.localhost:${port}`,
        logoUrl: `http://app.summit-agency.localhost:${port}/logo.png`,
      },
    })
  })

  test('agency bulk install sends INSTALL per location', async () => {
    await using platform = await startTestPlatform()
    const tokens = await install(platform, {
      userId: seedIds.agencyAdmin,
      locationIds: [seedIds.harbor, seedIds.peak],
    })

    expect(tokens['userType']).toBe('Company')
    expect(tokens['isBulkInstallation']).toBe(true)
    expect(tokens['approveAllLocations']).toBe(true)
    expect(tokens).not.toHaveProperty('locationId')
    expect(tokens).not.toHaveProperty('approvedLocations')
    expect(platform.webhooks.map((body) => body['locationId'])).toEqual([
      seedIds.harbor,
      seedIds.peak,
    ])
    expect(platform.webhooks.every((body) => body['type'] === 'INSTALL')).toBe(
      true,
    )
  })

  test('bulk install with locationIds setting', async () => {
    await using platform = await startTestPlatform({
      bulkInstallWebhook: 'location-ids',
      sendApprovedLocations: true,
    })
    const tokens = await install(platform, {
      userId: seedIds.agencyAdmin,
      locationIds: [seedIds.peak],
    })

    expect(tokens['approvedLocations']).toEqual([seedIds.peak])
    expect(tokens['approveAllLocations']).toBe(false)
    expect(platform.webhooks).toHaveLength(1)
    expect(platform.webhooks[0]?.['locationIds']).toEqual([seedIds.peak])
    expect(platform.webhooks[0]).not.toHaveProperty('locationId')
  })

  test('agency target gets Company token', async () => {
    await using platform = await startTestPlatform({
      installTypeValues: 'location/agency',
    })
    const tokens = await install(platform, {
      userId: seedIds.agencyAdmin,
      target: 'agency',
      locationIds: [],
    })

    expect(tokens['userType']).toBe('Company')
    expect(tokens['isBulkInstallation']).toBe(false)
    expect(platform.webhooks).toEqual([
      {
        type: 'INSTALL',
        appId: platform.app.appId,
        versionId: platform.app.versionId,
        installType: 'agency',
        companyId: seedIds.company,
        userId: seedIds.agencyAdmin,
        trial: { onTrial: false, trialDuration: 0 },
      },
    ])
  })

  test('sends INSTALL before the exchange by default', async () => {
    await using platform = await startTestPlatform()
    await consentCode(platform)

    expect(platform.webhooks).toHaveLength(1)
  })

  test('sends INSTALL after the exchange when configured', async () => {
    await using platform = await startTestPlatform({
      installWebhookOrder: 'callback-first',
    })
    const code = await consentCode(platform)
    const before = platform.webhooks.length
    const exchange = await tokenRequest(platform, {
      grant_type: 'authorization_code',
      code,
    })

    expect(before).toBe(0)
    expect(exchange.status).toBe(200)
    await expect.poll(() => platform.webhooks.length).toBe(1)
  })

  test('rejects sub-account outside user access', async () => {
    await using platform = await startTestPlatform()
    const response = await submitConsent(platform, {
      userId: seedIds.harborUser,
      locationIds: [seedIds.peak],
    })

    expect(response.status).toBe(400)
    expect(await response.text()).toContain('has no access to sub-account')
    expect(platform.sandbox.context.installs.list()).toEqual([])
  })
})

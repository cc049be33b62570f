import { HighLevel, UserType } from '@gohighlevel/api-client'
import { afterEach, describe, expect, test } from 'vitest'
import { seedIds } from '../../src/state/seed-data.js'
import { consentCode, startTestPlatform } from './oauth-test-helpers.js'

// The SDK reads its API host from the static `BASE_URL` when a client is
// created, so each test points it at its own sandbox and restores it. Its
// typings mark the field private and read-only.
const sdkStatics = HighLevel as unknown as { BASE_URL: string }
const platformBaseUrl = sdkStatics.BASE_URL

afterEach(() => {
  sdkStatics.BASE_URL = platformBaseUrl
})

describe('official SDK against the sandbox', () => {
  test('exchanges, refreshes and mints location tokens', async () => {
    await using platform = await startTestPlatform()
    sdkStatics.BASE_URL = platform.sandbox.url
    const { app } = platform
    const client = new HighLevel({
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      logLevel: 'none',
    })

    const code = await consentCode(platform, {
      userId: seedIds.agencyAdmin,
      locationIds: [seedIds.harbor, seedIds.peak],
    })
    const exchanged = await client.oauth.getAccessToken({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      grant_type: 'authorization_code',
      code,
    })
    expect(exchanged.userType).toBe('Company')
    expect(exchanged.isBulkInstallation).toBe(true)

    const refreshed = await client.oauth.refreshToken(
      String(exchanged.refresh_token),
      app.clientId,
      app.clientSecret,
      'refresh_token',
      UserType.Company,
    )
    expect(refreshed.access_token).not.toBe(exchanged.access_token)
    expect(refreshed.companyId).toBe(seedIds.company)

    const agency = new HighLevel({
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      agencyAccessToken: String(refreshed.access_token),
      apiVersion: '2021-07-28',
      logLevel: 'none',
    })
    const minted = await agency.oauth.getLocationAccessToken({
      companyId: seedIds.company,
      locationId: seedIds.peak,
    })
    expect(Object.entries(minted)).toContainEqual(['userType', 'Location'])
    expect(minted.locationId).toBe(seedIds.peak)
  })

  test('sees a reused refresh token rejected', async () => {
    await using platform = await startTestPlatform()
    sdkStatics.BASE_URL = platform.sandbox.url
    const { app } = platform
    const client = new HighLevel({
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      logLevel: 'none',
    })
    const code = await consentCode(platform)
    const exchanged = await client.oauth.getAccessToken({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      grant_type: 'authorization_code',
      code,
    })
    const refresh = () =>
      client.oauth.refreshToken(
        String(exchanged.refresh_token),
        app.clientId,
        app.clientSecret,
        'refresh_token',
        UserType.Location,
      )

    await refresh()
    await expect(refresh()).rejects.toMatchObject({ statusCode: 400 })
  })
})

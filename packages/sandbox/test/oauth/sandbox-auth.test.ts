import { describe, expect, test } from 'vitest'
import { seedIds } from '../../src/state/seed-data.js'
import { install, startTestPlatform } from './oauth-test-helpers.js'

const invalid = {
  statusCode: 401,
  message: 'Invalid token: access token is invalid',
  error: 'Unauthorized',
}

describe('SandboxAuth', () => {
  test('returns the grant of a valid token', async () => {
    await using platform = await startTestPlatform()
    const tokens = await install(platform)
    const result = platform.sandbox.context.auth.authenticate(
      `Bearer ${String(tokens['access_token'])}`,
    )

    expect(result).toEqual({
      ok: true,
      grant: {
        appId: platform.app.appId,
        clientId: platform.app.clientId,
        userType: 'Location',
        companyId: seedIds.company,
        locationId: seedIds.harbor,
        userId: seedIds.harborUser,
        scopes: platform.app.scopes,
      },
    })
  })

  test('rejects missing and unknown tokens', async () => {
    await using platform = await startTestPlatform()
    const { auth } = platform.sandbox.context

    for (const header of [undefined, '', 'Bearer', 'Bearer nope', 'Basic x']) {
      const result = auth.authenticate(header)
      expect(result.ok, String(header)).toBe(false)
      expect(!result.ok && result.failure.body, String(header)).toEqual(invalid)
    }
  })

  test('rejects expired token', async () => {
    // A 1 s lifetime at a time scale of 10 lasts 100 ms.
    await using platform = await startTestPlatform(
      { accessTokenLifetimeSeconds: 1 },
      10,
    )
    const tokens = await install(platform)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const result = platform.sandbox.context.auth.authenticate(
      `Bearer ${String(tokens['access_token'])}`,
    )

    expect(result.ok).toBe(false)
  })

  test('uninstall revokes tokens at once', async () => {
    await using platform = await startTestPlatform()
    const tokens = await install(platform)
    const { auth, installFlow } = platform.sandbox.context
    installFlow.uninstall(platform.app.appId, seedIds.harbor)
    const result = auth.authenticate(`Bearer ${String(tokens['access_token'])}`)

    expect(result.ok).toBe(false)
    expect(platform.webhooks.at(-1)).toEqual({
      type: 'UNINSTALL',
      appId: platform.app.appId,
      locationId: seedIds.harbor,
    })
  })

  test('reinstall after uninstall issues fresh tokens', async () => {
    await using platform = await startTestPlatform()
    const first = await install(platform)
    const { auth, installFlow, installs } = platform.sandbox.context
    installFlow.uninstall(platform.app.appId, seedIds.harbor)
    const second = await install(platform)

    expect(second['access_token']).not.toBe(first['access_token'])
    expect(
      auth.authenticate(`Bearer ${String(second['access_token'])}`).ok,
    ).toBe(true)
    expect(
      auth.authenticate(`Bearer ${String(first['access_token'])}`).ok,
    ).toBe(false)
    expect(installs.find(platform.app.appId, seedIds.harbor)).toBeDefined()
    expect(platform.webhooks.map((body) => body['type'])).toEqual([
      'INSTALL',
      'UNINSTALL',
      'INSTALL',
    ])
  })

  test('keeps tokens after uninstall when configured', async () => {
    await using platform = await startTestPlatform({
      revokeTokensOnUninstall: false,
    })
    const tokens = await install(platform)
    const { auth, installFlow } = platform.sandbox.context
    installFlow.uninstall(platform.app.appId, seedIds.harbor)
    const result = auth.authenticate(`Bearer ${String(tokens['access_token'])}`)

    expect(result.ok).toBe(true)
  })

  test('agency uninstall sends companyId', async () => {
    await using platform = await startTestPlatform()
    const tokens = await install(platform, {
      userId: seedIds.agencyAdmin,
      target: 'agency',
      locationIds: [],
    })
    const { auth, installFlow } = platform.sandbox.context
    installFlow.uninstall(platform.app.appId, seedIds.company)

    expect(
      auth.authenticate(`Bearer ${String(tokens['access_token'])}`).ok,
    ).toBe(false)
    expect(platform.webhooks.at(-1)).toEqual({
      type: 'UNINSTALL',
      appId: platform.app.appId,
      companyId: seedIds.company,
    })
  })
})

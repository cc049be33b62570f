import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, test } from 'vitest'
import { seedIds } from '../../src/state/seed-data.js'
import {
  consentCode,
  install,
  startTestPlatform,
  type TestPlatform,
  tokenRequest,
} from './oauth-test-helpers.js'

const invalidRefresh = {
  statusCode: 400,
  message: 'Invalid grant: refresh token is invalid',
}

function refresh(
  platform: TestPlatform,
  token: unknown,
  userType = 'Location',
) {
  return tokenRequest(platform, {
    grant_type: 'refresh_token',
    refresh_token: String(token),
    user_type: userType,
  })
}

describe('token endpoint', () => {
  test('returns the platform fields for a Location token', async () => {
    await using platform = await startTestPlatform()
    const tokens = await install(platform)

    expect(Object.keys(tokens).sort()).toEqual(
      [
        'access_token',
        'companyId',
        'expires_in',
        'isBulkInstallation',
        'locationId',
        'refreshTokenId',
        'refresh_token',
        'scope',
        'token_type',
        'traceId',
        'userId',
        'userType',
      ].sort(),
    )
    expect(tokens['token_type']).toBe('Bearer')
    expect(tokens['expires_in']).toBe(86399)
    expect(tokens['scope']).toBe(platform.app.scopes.join(' '))
    expect(String(tokens['access_token']).split('.')).toHaveLength(3)
  })

  test('signs access tokens with RS256', async () => {
    await using platform = await startTestPlatform()
    const tokens = await install(platform)
    const [header] = String(tokens['access_token']).split('.')
    const decoded = JSON.parse(
      Buffer.from(header ?? '', 'base64url').toString(),
    )

    expect(decoded.alg).toBe('RS256')
  })

  test('rejects second exchange of a code', async () => {
    await using platform = await startTestPlatform()
    const code = await consentCode(platform)
    const first = await tokenRequest(platform, {
      grant_type: 'authorization_code',
      code,
    })
    const second = await tokenRequest(platform, {
      grant_type: 'authorization_code',
      code,
    })

    expect(first.status).toBe(200)
    expect(second.status).toBe(400)
    expect(second.body).toEqual({
      statusCode: 400,
      message: 'Invalid grant: authorization code is invalid',
    })
  })

  test('allows code reuse when configured', async () => {
    await using platform = await startTestPlatform({ allowCodeReuse: true })
    const code = await consentCode(platform)
    await tokenRequest(platform, { grant_type: 'authorization_code', code })
    const second = await tokenRequest(platform, {
      grant_type: 'authorization_code',
      code,
    })

    expect(second.status).toBe(200)
  })

  test('rejects expired code', async () => {
    // A time scale of 60,000 makes the 60 s code lifetime 1 ms long.
    await using platform = await startTestPlatform({}, 60_000)
    const code = await consentCode(platform)
    await sleep(20)
    const exchange = await tokenRequest(platform, {
      grant_type: 'authorization_code',
      code,
    })

    expect(exchange.status).toBe(400)
    expect(exchange.body['message']).toBe(
      'Invalid grant: authorization code is invalid',
    )
  })

  test('rejects redirect URI mismatch at exchange', async () => {
    await using platform = await startTestPlatform()
    const code = await consentCode(platform)
    const exchange = await tokenRequest(platform, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${platform.app.redirectUri}/`,
    })

    expect(exchange.status).toBe(400)
    expect(exchange.body['message']).toBe(
      'Invalid grant: redirect_uri does not match',
    )
  })

  test('answers JSON body with 422', async () => {
    await using platform = await startTestPlatform()
    const code = await consentCode(platform)
    const response = await fetch(`${platform.sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: platform.app.clientId,
        client_secret: platform.app.clientSecret,
        grant_type: 'authorization_code',
        code,
      }),
    })
    const body = await response.json()

    expect(response.status).toBe(422)
    expect(body).toEqual({
      statusCode: 422,
      message: ['grant_type should not be empty'],
      error: 'Unprocessable Entity',
      traceId: expect.any(String),
    })
  })

  test('accepts camelCase JSON when configured', async () => {
    await using platform = await startTestPlatform({ jsonTokenBody: 'accept' })
    const code = await consentCode(platform)
    const response = await fetch(`${platform.sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: platform.app.clientId,
        clientSecret: platform.app.clientSecret,
        grantType: 'authorization_code',
        code,
      }),
    })

    expect(response.status).toBe(200)
  })

  test('rejects wrong client secret', async () => {
    await using platform = await startTestPlatform()
    const code = await consentCode(platform)
    const exchange = await tokenRequest(platform, {
      grant_type: 'authorization_code',
      code,
      client_secret: 'not-the-secret',
    })

    expect(exchange.status).toBe(401)
    expect(exchange.body).toEqual({
      statusCode: 401,
      message: 'Invalid client: client credentials are invalid',
      error: 'Unauthorized',
    })
  })

  test('rejects client_credentials grant', async () => {
    await using platform = await startTestPlatform()
    const response = await tokenRequest(platform, {
      grant_type: 'client_credentials',
    })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      statusCode: 400,
      message: 'Invalid parameter: grantType',
    })
  })

  test('rotates refresh tokens', async () => {
    await using platform = await startTestPlatform()
    const first = await install(platform)
    const second = await refresh(platform, first['refresh_token'])
    const third = await refresh(platform, second.body['refresh_token'])

    expect(second.status).toBe(200)
    expect(second.body['refresh_token']).not.toBe(first['refresh_token'])
    expect(second.body['locationId']).toBe(seedIds.harbor)
    expect(third.status).toBe(200)
  })

  test('rejects reused refresh token', async () => {
    await using platform = await startTestPlatform()
    const tokens = await install(platform)
    await refresh(platform, tokens['refresh_token'])
    const reuse = await refresh(platform, tokens['refresh_token'])

    expect(reuse.status).toBe(400)
    expect(reuse.body).toEqual(invalidRefresh)
  })

  test('accepts one of concurrent refreshes', async () => {
    await using platform = await startTestPlatform()
    const tokens = await install(platform)
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        refresh(platform, tokens['refresh_token']),
      ),
    )
    const statuses = results.map((result) => result.status).sort()

    expect(statuses).toEqual([200, 400, 400, 400, 400])
  })

  test('accepts one of concurrent code exchanges', async () => {
    await using platform = await startTestPlatform()
    const code = await consentCode(platform)
    const results = await Promise.all(
      Array.from({ length: 3 }, () =>
        tokenRequest(platform, { grant_type: 'authorization_code', code }),
      ),
    )
    const statuses = results.map((result) => result.status).sort()

    expect(statuses).toEqual([200, 400, 400])
  })

  test('allows reuse within configured grace', async () => {
    await using platform = await startTestPlatform({
      refreshReuseGraceSeconds: 3600,
    })
    const tokens = await install(platform)
    await refresh(platform, tokens['refresh_token'])
    const reuse = await refresh(platform, tokens['refresh_token'])

    expect(reuse.status).toBe(200)
  })

  test('requires user_type on refresh', async () => {
    await using platform = await startTestPlatform()
    const tokens = await install(platform)
    const response = await tokenRequest(platform, {
      grant_type: 'refresh_token',
      refresh_token: String(tokens['refresh_token']),
    })

    expect(response.status).toBe(422)
    expect(response.body['message']).toEqual([
      'user_type must be one of the following values: Company, Location',
    ])
  })

  test('refreshes without user_type when configured', async () => {
    await using platform = await startTestPlatform({
      requireUserTypeOnRefresh: false,
    })
    const tokens = await install(platform)
    const response = await tokenRequest(platform, {
      grant_type: 'refresh_token',
      refresh_token: String(tokens['refresh_token']),
    })

    expect(response.status).toBe(200)
  })

  test('rejects wrong user_type on refresh', async () => {
    await using platform = await startTestPlatform()
    const tokens = await install(platform)
    const response = await refresh(platform, tokens['refresh_token'], 'Company')

    expect(response.status).toBe(400)
    expect(response.body['message']).toBe('Invalid parameter: userType')
  })

  test('rejects mismatched user_type at exchange when configured', async () => {
    await using platform = await startTestPlatform({
      userTypeAtExchange: 'must-match',
    })
    const code = await consentCode(platform)
    const exchange = await tokenRequest(platform, {
      grant_type: 'authorization_code',
      code,
      user_type: 'Company',
    })

    expect(exchange.status).toBe(400)
  })

  test('ignores user_type at exchange by default', async () => {
    await using platform = await startTestPlatform()
    const code = await consentCode(platform)
    const exchange = await tokenRequest(platform, {
      grant_type: 'authorization_code',
      code,
      user_type: 'Company',
    })

    expect(exchange.status).toBe(200)
    expect(exchange.body['userType']).toBe('Location')
  })

  test('shapes errors as RFC 6749 when configured', async () => {
    await using platform = await startTestPlatform({ errorBodyShape: 'rfc' })
    const response = await refresh(platform, 'not-a-token')

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid grant: refresh token is invalid',
    })
  })

  test('merges both error shapes when mixed', async () => {
    await using platform = await startTestPlatform({ errorBodyShape: 'mixed' })
    const response = await refresh(platform, 'not-a-token')

    expect(response.body).toEqual({
      ...invalidRefresh,
      error: 'invalid_grant',
      error_description: 'Invalid grant: refresh token is invalid',
    })
  })

  test('answers suspended location with not active', async () => {
    await using platform = await startTestPlatform()
    const tokens = await install(platform)
    const { installFlow } = platform.sandbox.context
    installFlow.setSuspended(platform.app.appId, seedIds.harbor, true)
    const suspended = await refresh(platform, tokens['refresh_token'])
    installFlow.setSuspended(platform.app.appId, seedIds.harbor, false)
    const active = await refresh(platform, tokens['refresh_token'])

    expect(suspended.status).toBe(400)
    expect(suspended.body).toEqual({
      statusCode: 400,
      message: 'Location is not active',
    })
    expect(active.status).toBe(200)
  })

  test('scales access-token lifetime with the clock', async () => {
    await using platform = await startTestPlatform(
      { accessTokenLifetimeSeconds: 100 },
      100,
    )
    const tokens = await install(platform)

    expect(tokens['expires_in']).toBe(1)
  })
})

import { tempPostgresUrl } from '@hoopkit/testing'
import { describe, expect, test } from 'vitest'
import { isHoopkitError } from '../../src/errors/hoopkit-error.js'
import type { TokenTarget } from '../../src/oauth/token-provider.js'
import {
  locationToken,
  openOauthFixture,
  recordLocationInstall,
  rejectionOf,
  storedAgo,
  testAppId,
} from './oauth-fixture.js'
import {
  invalidGrant,
  type RecordedRequest,
  startOauthTestServer,
  type TestReply,
  tokenReply,
} from './oauth-test-server.js'

const target: TokenTarget = {
  appId: testAppId,
  userType: 'Location',
  resourceId: 'loc_A1',
}

/** Plays a token endpoint that honours each refresh token once. */
function rotatingTokenEndpoint(pairs: Record<string, [string, string]>) {
  const used = new Set<string>()
  return (request: RecordedRequest): TestReply => {
    const refreshToken = request.form.get('refresh_token') ?? ''
    const next = pairs[refreshToken]
    if (!next || used.has(refreshToken)) {
      return invalidGrant
    }
    used.add(refreshToken)
    return tokenReply({
      access_token: next[0],
      refresh_token: next[1],
      userType: 'Location',
      companyId: 'cmp_T1',
      locationId: 'loc_A1',
      scope: 'contacts.readonly contacts.write',
    })
  }
}

const postgresUrl = await tempPostgresUrl()
const databases = [
  { kind: 'SQLite', url: undefined },
  ...(postgresUrl ? [{ kind: 'PostgreSQL', url: postgresUrl }] : []),
]

describe.each(databases)('TokenRefresher on $kind', ({ url }) => {
  test('concurrent calls share one refresh', async () => {
    await using server = await startOauthTestServer(
      rotatingTokenEndpoint({ RT1: ['AT2', 'RT2'] }),
    )
    await using fixture = await openOauthFixture({
      apiUrl: server.url,
      ...(url ? { databaseUrl: url } : {}),
    })
    const { oauth } = fixture
    await oauth.tokens.put(
      locationToken('loc_A1', { expiresAt: Date.now() - 1000 }),
    )

    const tokens = await Promise.all(
      Array.from({ length: 5 }, () => oauth.refresher.accessToken(target)),
    )
    const stored = await oauth.tokens.get(testAppId, 'loc_A1')

    expect(server.requestsTo('/oauth/token')).toHaveLength(1)
    expect(tokens.map((token) => token.token)).toEqual([
      'AT2',
      'AT2',
      'AT2',
      'AT2',
      'AT2',
    ])
    expect(stored?.accessToken).toBe('AT2')
    expect(stored?.refreshToken).toBe('RT2')
  })
})

describe('TokenRefresher', () => {
  test('refreshes once after 401', async () => {
    await using server = await startOauthTestServer(
      rotatingTokenEndpoint({ RT1: ['AT2', 'RT2'] }),
    )
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    await oauth.tokens.put(locationToken('loc_A1'))

    const first = await oauth.refresher.accessToken(target)
    const second = await oauth.refresher.refreshAfterUnauthorized(target, first)
    const stored = await oauth.tokens.get(testAppId, 'loc_A1')

    expect(first.token).toBe('AT1')
    expect(second.token).toBe('AT2')
    expect(second.version).toBe(first.version + 1)
    expect(server.requestsTo('/oauth/token')).toHaveLength(1)
    expect(stored?.accessToken).toBe('AT2')
    expect(stored?.refreshToken).toBe('RT2')
  })

  test('rejected refresh requires reauthorization', async () => {
    await using server = await startOauthTestServer(() => invalidGrant)
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    await oauth.tokens.put(locationToken('loc_A1'))
    await recordLocationInstall(oauth, 'loc_A1')

    const first = await oauth.refresher.accessToken(target)
    const error = await rejectionOf(
      oauth.refresher.refreshAfterUnauthorized(target, first),
    )
    const install = await oauth.installs.get(testAppId, 'loc_A1')
    const stored = await oauth.tokens.get(testAppId, 'loc_A1')

    expect(isHoopkitError(error, 'REAUTH_REQUIRED')).toBe(true)
    expect((error as Error).message).toContain('loc_A1')
    expect((error as Error).message).not.toContain('RT1')
    expect(install?.status).toBe('reauth_required')
    expect(stored?.accessToken).toBe('AT1')
    expect(server.requestsTo('/oauth/token')).toHaveLength(1)
  })

  test('rejected refresh is not sent again', async () => {
    await using server = await startOauthTestServer(() => invalidGrant)
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    await oauth.tokens.put(
      locationToken('loc_A1', { expiresAt: Date.now() - 1000 }),
    )

    const first = await rejectionOf(oauth.refresher.accessToken(target))
    const second = await rejectionOf(oauth.refresher.accessToken(target))

    expect(isHoopkitError(first, 'REAUTH_REQUIRED')).toBe(true)
    expect(isHoopkitError(second, 'REAUTH_REQUIRED')).toBe(true)
    expect(server.requestsTo('/oauth/token')).toHaveLength(1)
  })

  test('fresh token gets no second refresh', async () => {
    await using server = await startOauthTestServer(
      rotatingTokenEndpoint({ RT1: ['AT2', 'RT2'], RT2: ['AT3', 'RT3'] }),
    )
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    await oauth.tokens.put(locationToken('loc_A1'))

    const first = await oauth.refresher.accessToken(target)
    const fresh = await oauth.refresher.refreshAfterUnauthorized(target, first)
    const error = await rejectionOf(
      oauth.refresher.refreshAfterUnauthorized(target, fresh),
    )
    const again = await oauth.refresher.refreshAfterUnauthorized(target, first)

    expect(fresh.token).toBe('AT2')
    expect(isHoopkitError(error, 'TOKEN_REJECTED')).toBe(true)
    expect(again.token).toBe('AT2')
    expect(server.requestsTo('/oauth/token')).toHaveLength(1)
  })

  test('sends refresh form-encoded', async () => {
    await using server = await startOauthTestServer(
      rotatingTokenEndpoint({ RT1: ['AT2', 'RT2'] }),
    )
    await using fixture = await openOauthFixture({
      apiUrl: server.url,
      redirectUri: 'https://app.example.test/oauth/callback',
    })
    const { oauth } = fixture
    await oauth.tokens.put(
      locationToken('loc_A1', { expiresAt: Date.now() - 1000 }),
    )

    await oauth.refresher.accessToken(target)
    const [request] = server.requestsTo('/oauth/token')

    expect(request?.method).toBe('POST')
    expect(request?.headers['content-type']).toBe(
      'application/x-www-form-urlencoded',
    )
    expect(request?.headers['version']).toBeUndefined()
    expect(request?.headers['authorization']).toBeUndefined()
    expect(request?.form.get('grant_type')).toBe('refresh_token')
    expect(request?.form.get('refresh_token')).toBe('RT1')
    expect(request?.form.get('client_id')).toBe(
      '65f0c0ffee0000000000beef-lt2x9k3f',
    )
    expect(request?.form.get('client_secret')).toBe(
      'c0ffee00-0000-4000-8000-00000000beef',
    )
    expect(request?.form.get('user_type')).toBe('Location')
    expect(request?.form.get('redirect_uri')).toBe(
      'https://app.example.test/oauth/callback',
    )
  })

  test('refreshes shortly before expiry', async () => {
    await using server = await startOauthTestServer(
      rotatingTokenEndpoint({ RT1: ['AT2', 'RT2'] }),
    )
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    await oauth.tokens.put(
      locationToken('loc_A1', { expiresAt: Date.now() + 60_000 }),
    )
    await storedAgo(fixture, 'loc_A1', 86_340_000)

    const token = await oauth.refresher.accessToken(target)

    expect(token.token).toBe('AT2')
    expect(token.expiresAt).toBeGreaterThan(Date.now() + 86_000_000)
    expect(token.scopes).toEqual(['contacts.readonly', 'contacts.write'])
  })

  test('short-lived token refreshes at half life', async () => {
    await using server = await startOauthTestServer(
      rotatingTokenEndpoint({ RT1: ['AT2', 'RT2'] }),
    )
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    await oauth.tokens.put(
      locationToken('loc_A1', { expiresAt: Date.now() + 60_000 }),
    )

    const young = await oauth.refresher.accessToken(target)
    await storedAgo(fixture, 'loc_A1', 90_000)
    const old = await oauth.refresher.accessToken(target)

    expect(young.token).toBe('AT1')
    expect(old.token).toBe('AT2')
    expect(server.requestsTo('/oauth/token')).toHaveLength(1)
  })

  test('keeps valid token during outage', async () => {
    await using server = await startOauthTestServer(() => ({
      status: 503,
      body: { statusCode: 503, message: 'Service Unavailable' },
    }))
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    await oauth.tokens.put(
      locationToken('loc_A1', { expiresAt: Date.now() + 60_000 }),
    )
    await storedAgo(fixture, 'loc_A1', 86_340_000)

    const first = await oauth.refresher.accessToken(target)
    const second = await oauth.refresher.accessToken(target)
    const stored = await oauth.tokens.get(testAppId, 'loc_A1')

    expect(first.token).toBe('AT1')
    expect(second.token).toBe('AT1')
    expect(server.requestsTo('/oauth/token')).toHaveLength(1)
    expect(stored?.refreshToken).toBe('RT1')
    expect(stored?.lastRefreshError).toBe('unavailable')
  })

  test('expired token during outage fails', async () => {
    await using server = await startOauthTestServer(() => ({
      status: 502,
      body: 'Bad Gateway',
    }))
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    await oauth.tokens.put(
      locationToken('loc_A1', { expiresAt: Date.now() - 1000 }),
    )

    const error = await rejectionOf(oauth.refresher.accessToken(target))
    const stored = await oauth.tokens.get(testAppId, 'loc_A1')

    expect(isHoopkitError(error, 'TOKEN_REFRESH_FAILED')).toBe(true)
    expect(stored?.accessToken).toBe('AT1')
    expect(stored?.refreshToken).toBe('RT1')
  })

  test('suspended location keeps its tokens', async () => {
    await using server = await startOauthTestServer(() => ({
      status: 400,
      body: { statusCode: 400, message: 'Location is not active' },
    }))
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    await oauth.tokens.put(
      locationToken('loc_A1', { expiresAt: Date.now() - 1000 }),
    )
    await recordLocationInstall(oauth, 'loc_A1')

    const first = await rejectionOf(oauth.refresher.accessToken(target))
    const second = await rejectionOf(oauth.refresher.accessToken(target))
    const stored = await oauth.tokens.get(testAppId, 'loc_A1')
    const install = await oauth.installs.get(testAppId, 'loc_A1')

    expect(isHoopkitError(first, 'LOCATION_SUSPENDED')).toBe(true)
    expect(isHoopkitError(second, 'LOCATION_SUSPENDED')).toBe(true)
    expect(server.requestsTo('/oauth/token')).toHaveLength(1)
    expect(stored?.refreshToken).toBe('RT1')
    expect(install?.status).toBe('suspended')
  })

  test('refresh keeps uninstalled status', async () => {
    await using server = await startOauthTestServer(
      rotatingTokenEndpoint({ RT1: ['AT2', 'RT2'] }),
    )
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    await oauth.tokens.put(
      locationToken('loc_A1', { expiresAt: Date.now() - 1000 }),
    )
    await recordLocationInstall(oauth, 'loc_A1')
    await oauth.installs.setStatus(testAppId, 'loc_A1', 'uninstalled')

    const token = await oauth.refresher.accessToken(target)
    const install = await oauth.installs.get(testAppId, 'loc_A1')

    expect(token.token).toBe('AT2')
    expect(install?.status).toBe('uninstalled')
  })

  test('config error carries trace id', async () => {
    await using server = await startOauthTestServer(() => ({
      status: 400,
      body: {
        statusCode: 400,
        message: 'Missing parameter: clientId',
        traceId: 'tr_7',
      },
    }))
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    await oauth.tokens.put(
      locationToken('loc_A1', { expiresAt: Date.now() - 1000 }),
    )

    const error = await rejectionOf(oauth.refresher.accessToken(target))

    expect(isHoopkitError(error, 'OAUTH_CONFIG_INVALID')).toBe(true)
    expect(
      (error as { details: Record<string, unknown> }).details['traceId'],
    ).toBe('tr_7')
    expect(server.requestsTo('/oauth/token')).toHaveLength(1)
  })

  test('missing company token is not found', async () => {
    await using server = await startOauthTestServer(() => invalidGrant)
    await using fixture = await openOauthFixture({ apiUrl: server.url })

    const error = await rejectionOf(
      fixture.oauth.refresher.accessToken({
        appId: testAppId,
        userType: 'Company',
        resourceId: 'cmp_T1',
      }),
    )

    expect(isHoopkitError(error, 'TOKEN_NOT_FOUND')).toBe(true)
    expect(server.requests).toHaveLength(0)
  })
})

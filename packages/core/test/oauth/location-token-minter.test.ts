import { describe, expect, test } from 'vitest'
import { isHoopkitError } from '../../src/errors/hoopkit-error.js'
import {
  companyToken,
  locationToken,
  openOauthFixture,
  rejectionOf,
  testAppId,
} from './oauth-fixture.js'
import {
  invalidGrant,
  type RecordedRequest,
  startOauthTestServer,
  type TestReply,
  tokenReply,
} from './oauth-test-server.js'

const locationTarget = {
  appId: testAppId,
  userType: 'Location',
  resourceId: 'loc_A1',
  companyId: 'cmp_T1',
} as const

/** Mints a token for the requested location, or for `answerWith`. */
function locationTokenEndpoint(answerWith?: string) {
  return (request: RecordedRequest): TestReply => {
    if (request.headers['authorization'] !== 'Bearer CAT1') {
      return { status: 401, body: { statusCode: 401, message: 'Invalid JWT' } }
    }
    const locationId = answerWith ?? request.form.get('locationId') ?? ''
    return tokenReply({
      access_token: `AT_${locationId}`,
      refresh_token: `RT_${locationId}`,
      scope: 'contacts.readonly',
      userType: 'Location',
      companyId: 'cmp_T1',
      locationId,
      traceId: 'tr_mint',
    })
  }
}

describe('LocationTokenMinter', () => {
  test('mints missing location token', async () => {
    await using server = await startOauthTestServer(locationTokenEndpoint())
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    await oauth.tokens.put(companyToken('cmp_T1'))

    const token = await oauth.refresher.accessToken(locationTarget)
    const [request] = server.requestsTo('/oauth/locationToken')
    const stored = await oauth.tokens.get(testAppId, 'loc_A1')
    const install = await oauth.installs.get(testAppId, 'loc_A1')

    expect(server.requests).toHaveLength(1)
    expect(request?.method).toBe('POST')
    expect(request?.headers['authorization']).toBe('Bearer CAT1')
    expect(request?.headers['version']).toBe('2021-07-28')
    expect(request?.headers['content-type']).toBe(
      'application/x-www-form-urlencoded',
    )
    expect(request?.body).toBe('companyId=cmp_T1&locationId=loc_A1')
    expect(token.token).toBe('AT_loc_A1')
    expect(stored?.locationId).toBe('loc_A1')
    expect(stored?.refreshToken).toBe('RT_loc_A1')
    expect(stored?.userType).toBe('Location')
    expect(install?.status).toBe('active')
  })

  test('concurrent calls mint once', async () => {
    await using server = await startOauthTestServer((request) => ({
      ...locationTokenEndpoint()(request),
      delayMs: 100,
    }))
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    await oauth.tokens.put(companyToken('cmp_T1'))

    const tokens = await Promise.all(
      Array.from({ length: 4 }, () =>
        oauth.refresher.accessToken(locationTarget),
      ),
    )

    expect(server.requestsTo('/oauth/locationToken')).toHaveLength(1)
    expect(new Set(tokens.map((token) => token.token))).toEqual(
      new Set(['AT_loc_A1']),
    )
  })

  test('rejects token for another location', async () => {
    await using server = await startOauthTestServer(
      locationTokenEndpoint('loc_B2'),
    )
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    await oauth.tokens.put(companyToken('cmp_T1'))

    const error = await rejectionOf(oauth.refresher.accessToken(locationTarget))

    expect(isHoopkitError(error, 'TOKEN_LOCATION_MISMATCH')).toBe(true)
    expect(await oauth.tokens.get(testAppId, 'loc_A1')).toBeUndefined()
    expect(await oauth.tokens.get(testAppId, 'loc_B2')).toBeUndefined()
  })

  test('retries once with refreshed company token', async () => {
    await using server = await startOauthTestServer((request) => {
      if (request.path === '/oauth/token') {
        return request.form.get('refresh_token') === 'CRT1'
          ? tokenReply({
              access_token: 'CAT1',
              refresh_token: 'CRT2',
              userType: 'Company',
              companyId: 'cmp_T1',
            })
          : invalidGrant
      }
      return locationTokenEndpoint()(request)
    })
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    await oauth.tokens.put(companyToken('cmp_T1', { accessToken: 'CAT0' }))

    const token = await oauth.refresher.accessToken(locationTarget)

    expect(token.token).toBe('AT_loc_A1')
    expect(server.requestsTo('/oauth/locationToken')).toHaveLength(2)
    expect(server.requestsTo('/oauth/token')).toHaveLength(1)
  })

  test('mints again without refresh token', async () => {
    let minted = 0
    await using server = await startOauthTestServer((request) => {
      minted += 1
      return tokenReply({
        access_token: `AT_mint_${minted}`,
        userType: 'Location',
        companyId: 'cmp_T1',
        locationId: request.form.get('locationId'),
      })
    })
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    await oauth.tokens.put(companyToken('cmp_T1'))

    const first = await oauth.refresher.accessToken(locationTarget)
    await fixture.database.db
      .updateTable('tokens')
      .set({ expires_at: Date.now() - 1000 })
      .where('resource_id', '=', 'loc_A1')
      .execute()
    const second = await oauth.refresher.accessToken(locationTarget)
    const stored = await oauth.tokens.get(testAppId, 'loc_A1')

    expect(first.token).toBe('AT_mint_1')
    expect(second.token).toBe('AT_mint_2')
    expect(stored?.refreshToken).toBeNull()
    expect(stored?.version).toBe(2)
    expect(server.requestsTo('/oauth/locationToken')).toHaveLength(2)
    expect(server.requestsTo('/oauth/token')).toHaveLength(0)
  })

  test('fails without company token', async () => {
    await using server = await startOauthTestServer(locationTokenEndpoint())
    await using fixture = await openOauthFixture({ apiUrl: server.url })

    const error = await rejectionOf(
      fixture.oauth.refresher.accessToken(locationTarget),
    )

    expect(isHoopkitError(error, 'TOKEN_NOT_FOUND')).toBe(true)
    expect((error as Error).message).toContain('cmp_T1')
    expect(server.requests).toHaveLength(0)
  })
})

describe('TokenRefresher with several locations', () => {
  test('each key keeps its own token', async () => {
    const used = new Set<string>()
    await using server = await startOauthTestServer((request) => {
      const refreshToken = request.form.get('refresh_token') ?? ''
      const locationId = refreshToken.replace('RT1_', '')
      if (used.has(refreshToken)) {
        return invalidGrant
      }
      used.add(refreshToken)
      return {
        ...tokenReply({
          access_token: `AT2_${locationId}`,
          refresh_token: `RT2_${locationId}`,
          userType: 'Location',
          companyId: 'cmp_T1',
          locationId,
        }),
        delayMs: locationId === 'loc_A1' ? 150 : 0,
      }
    })
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    const expired = Date.now() - 1000
    for (const locationId of ['loc_A1', 'loc_B2']) {
      await oauth.tokens.put(
        locationToken(locationId, {
          accessToken: `AT1_${locationId}`,
          refreshToken: `RT1_${locationId}`,
          expiresAt: expired,
        }),
      )
    }

    const [a1, b2] = await Promise.all(
      ['loc_A1', 'loc_B2'].map((resourceId) =>
        oauth.refresher.accessToken({
          appId: testAppId,
          userType: 'Location',
          resourceId,
        }),
      ),
    )
    const storedA1 = await oauth.tokens.get(testAppId, 'loc_A1')
    const storedB2 = await oauth.tokens.get(testAppId, 'loc_B2')

    expect(a1?.token).toBe('AT2_loc_A1')
    expect(b2?.token).toBe('AT2_loc_B2')
    expect(storedA1?.accessToken).toBe('AT2_loc_A1')
    expect(storedA1?.locationId).toBe('loc_A1')
    expect(storedB2?.accessToken).toBe('AT2_loc_B2')
    expect(storedB2?.locationId).toBe('loc_B2')
    expect(server.requestsTo('/oauth/token')).toHaveLength(2)
  })

  test('refresh naming another location is not stored', async () => {
    await using server = await startOauthTestServer(() =>
      tokenReply({
        access_token: 'AT2',
        refresh_token: 'RT2',
        userType: 'Location',
        locationId: 'loc_B2',
      }),
    )
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    await oauth.tokens.put(
      locationToken('loc_A1', { expiresAt: Date.now() - 1000 }),
    )

    const error = await rejectionOf(
      oauth.refresher.accessToken({
        appId: testAppId,
        userType: 'Location',
        resourceId: 'loc_A1',
      }),
    )
    const stored = await oauth.tokens.get(testAppId, 'loc_A1')

    expect(isHoopkitError(error, 'TOKEN_LOCATION_MISMATCH')).toBe(true)
    expect(stored?.accessToken).toBe('AT1')
  })
})

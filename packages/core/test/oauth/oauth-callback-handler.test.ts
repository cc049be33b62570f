import { tempPostgresUrl } from '@hoopkit/testing'
import { describe, expect, test } from 'vitest'
import type { TokensStoredEvent } from '../../src/oauth/tokens-stored-hooks.js'
import { openOauthFixture, testAppId } from './oauth-fixture.js'
import {
  invalidGrant,
  type RecordedRequest,
  startOauthTestServer,
  type TestReply,
  tokenReply,
} from './oauth-test-server.js'

/** Honours each code once, like the platform's token endpoint. */
function singleUseCodes(grants: Record<string, Record<string, unknown>>) {
  const used = new Set<string>()
  return (request: RecordedRequest): TestReply => {
    const code = request.form.get('code') ?? ''
    const grant = grants[code]
    if (!grant || used.has(code)) {
      return invalidGrant
    }
    used.add(code)
    return { ...tokenReply(grant), delayMs: 300 }
  }
}

/** Mints a token for the requested location of cmp_T1. */
function mintedLocationReply(request: RecordedRequest): TestReply {
  const locationId = request.form.get('locationId') ?? ''
  return tokenReply({
    access_token: `AT_${locationId}`,
    refresh_token: `RT_${locationId}`,
    userType: 'Location',
    companyId: 'cmp_T1',
    locationId,
  })
}

const postgresUrl = await tempPostgresUrl()
const databases = [
  { kind: 'SQLite', url: undefined },
  ...(postgresUrl ? [{ kind: 'PostgreSQL', url: postgresUrl }] : []),
]

const locationGrant = {
  access_token: 'AT1',
  refresh_token: 'RT1',
  scope: 'contacts.readonly contacts.write',
  userType: 'Location',
  companyId: 'cmp_T1',
  locationId: 'loc_A1',
  planId: 'plan_1',
}

describe('OauthCallbackHandler', () => {
  test('stores location install', async () => {
    await using server = await startOauthTestServer(
      singleUseCodes({ AC1: locationGrant }),
    )
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture
    const events: TokensStoredEvent[] = []
    oauth.hooks.onTokensStored((event) => {
      events.push(event)
    })

    const outcome = await oauth.callback.handle({ code: 'AC1' })
    const stored = await oauth.tokens.get(testAppId, 'loc_A1')
    const install = await oauth.installs.get(testAppId, 'loc_A1')

    expect(outcome).toEqual({
      ok: true,
      install: {
        appId: testAppId,
        userType: 'Location',
        resourceId: 'loc_A1',
        companyId: 'cmp_T1',
        locationId: 'loc_A1',
        scopes: ['contacts.readonly', 'contacts.write'],
        isBulk: false,
        locations: [],
      },
    })
    expect(stored?.accessToken).toBe('AT1')
    expect(stored?.refreshToken).toBe('RT1')
    expect(install?.status).toBe('active')
    expect(install?.scope).toBe('contacts.readonly contacts.write')
    expect(install?.planId).toBe('plan_1')
    expect(events).toEqual([
      {
        appId: testAppId,
        userType: 'Location',
        resourceId: 'loc_A1',
        companyId: 'cmp_T1',
        locationId: 'loc_A1',
        scope: 'contacts.readonly contacts.write',
        source: 'install',
      },
    ])
  })

  test('duplicate callback exchanges once', async () => {
    await using server = await startOauthTestServer(
      singleUseCodes({ AC1: locationGrant }),
    )
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture

    const first = oauth.callback.handle({ code: 'AC1' })
    await new Promise((resolve) => setTimeout(resolve, 200))
    const second = oauth.callback.handle({ code: 'AC1' })
    const [firstOutcome, secondOutcome] = await Promise.all([first, second])
    const third = await oauth.callback.handle({ code: 'AC1' })
    const stored = await oauth.tokens.get(testAppId, 'loc_A1')

    expect(server.requestsTo('/oauth/token')).toHaveLength(1)
    expect(firstOutcome.ok).toBe(true)
    expect(secondOutcome).toEqual(firstOutcome)
    expect(third).toEqual(firstOutcome)
    expect(stored?.accessToken).toBe('AT1')
    expect(stored?.version).toBe(1)
  })

  test.each(databases)(
    'two connections exchange once on $kind',
    async ({ url }) => {
      await using server = await startOauthTestServer(
        singleUseCodes({ AC1: locationGrant }),
      )
      await using first = await openOauthFixture({
        apiUrl: server.url,
        ...(url ? { databaseUrl: url } : {}),
      })
      // A second connection and handler share nothing in memory with the
      // first, as another process would.
      await using second = await openOauthFixture({
        apiUrl: server.url,
        databaseUrl: first.databaseUrl,
        cipherKey: first.cipherKey,
      })

      const [one, two] = await Promise.all([
        first.oauth.callback.handle({ code: 'AC1' }),
        second.oauth.callback.handle({ code: 'AC1' }),
      ])

      expect(server.requestsTo('/oauth/token')).toHaveLength(1)
      expect(one.ok).toBe(true)
      expect(two).toEqual(one)
    },
  )

  test('failed exchange stores nothing', async () => {
    await using server = await startOauthTestServer(singleUseCodes({}))
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture

    const outcome = await oauth.callback.handle({ code: 'AC_unknown' })

    expect(outcome.ok).toBe(false)
    expect(!outcome.ok && outcome.error.code).toBe('OAUTH_CODE_INVALID')
    expect(!outcome.ok && outcome.error.status).toBe(400)
    expect(await oauth.installs.list()).toEqual([])
    expect(
      await fixture.database.db.selectFrom('tokens').selectAll().execute(),
    ).toEqual([])
  })

  test('reply without resource id stores nothing', async () => {
    await using server = await startOauthTestServer(
      singleUseCodes({ AC1: { access_token: 'AT1', userType: 'Location' } }),
    )
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture

    const outcome = await oauth.callback.handle({ code: 'AC1' })

    expect(outcome.ok).toBe(false)
    expect(!outcome.ok && outcome.error.code).toBe('OAUTH_EXCHANGE_FAILED')
    expect(!outcome.ok && outcome.error.message).toContain('locationId')
    expect(await oauth.installs.list()).toEqual([])
    expect(
      await fixture.database.db.selectFrom('tokens').selectAll().execute(),
    ).toEqual([])
  })

  test('missing code sends no request', async () => {
    await using server = await startOauthTestServer(singleUseCodes({}))
    await using fixture = await openOauthFixture({ apiUrl: server.url })

    const outcome = await fixture.oauth.callback.handle({ code: undefined })

    expect(!outcome.ok && outcome.error.code).toBe('OAUTH_CODE_MISSING')
    expect(server.requests).toHaveLength(0)
  })

  test('deletes day-old code records', async () => {
    await using server = await startOauthTestServer(singleUseCodes({}))
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { db } = fixture.database
    const twoDaysAgo = Date.now() - 2 * 24 * 60 * 60 * 1000
    await db
      .insertInto('oauth_codes')
      .values({
        code_hash: 'stale',
        status: 'succeeded',
        result_json: '{}',
        created_at: twoDaysAgo,
        updated_at: twoDaysAgo,
      })
      .execute()

    await fixture.oauth.callback.handle({ code: 'AC_new' })
    const hashes = await db
      .selectFrom('oauth_codes')
      .select('code_hash')
      .execute()

    expect(hashes).toHaveLength(1)
    expect(hashes[0]?.code_hash).not.toBe('stale')
    expect(hashes[0]?.code_hash).not.toContain('AC_new')
  })

  test('bulk install falls back to approvedLocations', async () => {
    await using server = await startOauthTestServer((request) => {
      if (request.path === '/oauth/installedLocations') {
        return { status: 503, body: { statusCode: 503, message: 'down' } }
      }
      if (request.path === '/oauth/locationToken') {
        return mintedLocationReply(request)
      }
      return singleUseCodes({
        AC1: {
          access_token: 'CAT1',
          refresh_token: 'CRT1',
          userType: 'Company',
          companyId: 'cmp_T1',
          isBulkInstallation: true,
          approvedLocations: ['loc_A1'],
        },
      })(request)
    })
    await using fixture = await openOauthFixture({ apiUrl: server.url })

    const outcome = await fixture.oauth.callback.handle({ code: 'AC1' })
    const stored = await fixture.oauth.tokens.get(testAppId, 'loc_A1')

    expect(outcome.ok).toBe(true)
    expect(outcome.ok && outcome.install.locations).toEqual([
      { locationId: 'loc_A1', name: null, status: 'active' },
    ])
    expect(stored?.accessToken).toBe('AT_loc_A1')
    expect(server.requestsTo('/oauth/locationToken')).toHaveLength(1)
  })

  test('bulk install refreshes rejected company token', async () => {
    await using server = await startOauthTestServer((request) => {
      const bearer = request.headers['authorization']
      if (request.path === '/oauth/installedLocations') {
        return bearer === 'Bearer CAT2'
          ? {
              status: 200,
              body: { locations: [{ _id: 'loc_A1', isInstalled: true }] },
            }
          : { status: 401, body: { statusCode: 401, message: 'Invalid JWT' } }
      }
      if (request.path === '/oauth/locationToken') {
        return mintedLocationReply(request)
      }
      if (request.form.get('grant_type') === 'refresh_token') {
        return tokenReply({
          access_token: 'CAT2',
          refresh_token: 'CRT2',
          userType: 'Company',
          companyId: 'cmp_T1',
        })
      }
      return singleUseCodes({
        AC1: {
          access_token: 'CAT1',
          refresh_token: 'CRT1',
          userType: 'Company',
          companyId: 'cmp_T1',
          isBulkInstallation: true,
        },
      })(request)
    })
    await using fixture = await openOauthFixture({ apiUrl: server.url })

    const outcome = await fixture.oauth.callback.handle({ code: 'AC1' })
    const company = await fixture.oauth.tokens.get(testAppId, 'cmp_T1')

    expect(outcome.ok && outcome.install.locations).toEqual([
      { locationId: 'loc_A1', name: null, status: 'active' },
    ])
    expect(server.requestsTo('/oauth/installedLocations')).toHaveLength(2)
    expect(company?.accessToken).toBe('CAT2')
  })

  test('bulk install mints each chosen location', async () => {
    const minted: string[] = []
    await using server = await startOauthTestServer((request) => {
      if (request.path === '/oauth/installedLocations') {
        return {
          status: 200,
          body: {
            locations: [
              { _id: 'loc_A1', name: 'Alpha Dental', isInstalled: true },
              { _id: 'loc_B2', name: 'Beta Plumbing', isInstalled: true },
            ],
            count: 2,
          },
        }
      }
      if (request.path === '/oauth/locationToken') {
        const locationId = request.form.get('locationId') ?? ''
        minted.push(locationId)
        if (
          locationId === 'loc_B2' &&
          minted.filter((id) => id === 'loc_B2').length === 1
        ) {
          return {
            status: 500,
            body: { statusCode: 500, message: 'Internal Server Error' },
          }
        }
        return mintedLocationReply(request)
      }
      return singleUseCodes({
        AC1: {
          access_token: 'CAT1',
          refresh_token: 'CRT1',
          scope: 'oauth.readonly oauth.write',
          userType: 'Company',
          companyId: 'cmp_T1',
          isBulkInstallation: true,
        },
      })(request)
    })
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const { oauth } = fixture

    const outcome = await oauth.callback.handle({ code: 'AC1' })
    const [listRequest] = server.requestsTo('/oauth/installedLocations')
    const pendingB2 = await oauth.installs.get(testAppId, 'loc_B2')
    const laterB2 = await oauth.refresher.accessToken({
      appId: testAppId,
      userType: 'Location',
      resourceId: 'loc_B2',
    })

    expect(outcome.ok && outcome.install.isBulk).toBe(true)
    expect(
      outcome.ok &&
        outcome.install.locations.map((l) => [l.locationId, l.name, l.status]),
    ).toEqual([
      ['loc_A1', 'Alpha Dental', 'active'],
      ['loc_B2', 'Beta Plumbing', 'pending'],
    ])
    expect(listRequest?.headers['authorization']).toBe('Bearer CAT1')
    expect(listRequest?.headers['version']).toBe('2021-07-28')
    expect(listRequest?.query.get('companyId')).toBe('cmp_T1')
    expect(listRequest?.query.get('appId')).toBe(testAppId)
    expect(listRequest?.query.get('isInstalled')).toBe('true')
    expect((await oauth.tokens.get(testAppId, 'cmp_T1'))?.accessToken).toBe(
      'CAT1',
    )
    expect((await oauth.tokens.get(testAppId, 'loc_A1'))?.accessToken).toBe(
      'AT_loc_A1',
    )
    expect(pendingB2?.status).toBe('pending')
    expect(laterB2.token).toBe('AT_loc_B2')
    expect(minted).toEqual(['loc_A1', 'loc_B2', 'loc_B2'])
  })
})

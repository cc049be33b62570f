import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { tempPostgresUrl } from '@hoopkit/testing'
import { describe, expect, test } from 'vitest'
import {
  companyToken,
  locationToken,
  type OauthFixture,
  openOauthFixture,
  testAppId,
} from './oauth-fixture.js'
import {
  invalidGrant,
  type RecordedRequest,
  startOauthTestServer,
  type TestReply,
  tokenReply,
} from './oauth-test-server.js'

const run = promisify(execFile)
const tsx = fileURLToPath(
  new URL('../../node_modules/.bin/tsx', import.meta.url),
)
const worker = fileURLToPath(new URL('./refresh-worker.ts', import.meta.url))
const workerCount = 2

/**
 * Plays a token endpoint that honours RT1 once, and a barrier that lets
 * the workers start their calls at the same moment.
 */
function tokenEndpointWithBarrier() {
  const barrier = workerBarrier()
  let refreshed = false
  return async (request: RecordedRequest): Promise<TestReply> => {
    if (request.path === '/barrier') {
      return barrier()
    }
    if (request.form.get('refresh_token') !== 'RT1' || refreshed) {
      return invalidGrant
    }
    refreshed = true
    return {
      ...tokenReply({
        access_token: 'AT2',
        refresh_token: 'RT2',
        userType: 'Location',
        companyId: 'cmp_T1',
        locationId: 'loc_A1',
      }),
      delayMs: 300,
    }
  }
}

/** Answers every worker's barrier request once all of them have arrived. */
function workerBarrier(): () => Promise<TestReply> {
  let waiting: (() => void)[] = []
  return async () => {
    await new Promise<void>((resolve) => {
      waiting.push(resolve)
      if (waiting.length === workerCount) {
        for (const release of waiting) release()
        waiting = []
      }
    })
    return { status: 200, body: {} }
  }
}

/** Plays a location token endpoint that mints tokens slowly. */
function locationTokenEndpointWithBarrier() {
  const barrier = workerBarrier()
  return async (request: RecordedRequest): Promise<TestReply> => {
    if (request.path === '/barrier') {
      return barrier()
    }
    return {
      ...tokenReply({
        access_token: 'AT_loc_A1',
        refresh_token: 'RT_loc_A1',
        userType: 'Location',
        companyId: 'cmp_T1',
        locationId: request.form.get('locationId'),
      }),
      delayMs: 300,
    }
  }
}

/**
 * Starts the workers at once, each making five calls, and returns every
 * token they received. A company id lets them mint a missing token.
 */
async function runWorkers(
  apiUrl: string,
  fixture: OauthFixture,
  companyId?: string,
): Promise<string[]> {
  const args = [apiUrl, fixture.databaseUrl, fixture.cipherKey, '5']
  if (companyId) {
    args.push(companyId)
  }
  const outputs = await Promise.all(
    Array.from({ length: workerCount }, () => run(tsx, [worker, ...args])),
  )
  return outputs.flatMap(({ stdout }) => JSON.parse(stdout) as string[])
}

const postgresUrl = await tempPostgresUrl()
const databases = [
  { kind: 'SQLite', url: undefined },
  ...(postgresUrl ? [{ kind: 'PostgreSQL', url: postgresUrl }] : []),
]

describe.each(databases)(
  'TokenRefresher across processes on $kind',
  ({ url }) => {
    test('two workers share one refresh', async () => {
      await using server = await startOauthTestServer(
        tokenEndpointWithBarrier(),
      )
      await using fixture = await openOauthFixture({
        apiUrl: server.url,
        ...(url ? { databaseUrl: url } : {}),
      })
      await fixture.oauth.tokens.put(
        locationToken('loc_A1', { expiresAt: Date.now() - 1000 }),
      )

      const tokens = await runWorkers(server.url, fixture)
      const stored = await fixture.oauth.tokens.get(testAppId, 'loc_A1')

      expect(server.requestsTo('/barrier')).toHaveLength(workerCount)
      expect(server.requestsTo('/oauth/token')).toHaveLength(1)
      expect(tokens).toEqual(Array.from({ length: 10 }, () => 'AT2'))
      expect(stored?.accessToken).toBe('AT2')
      expect(stored?.refreshToken).toBe('RT2')
    }, 60_000)

    test('two workers mint one location token', async () => {
      await using server = await startOauthTestServer(
        locationTokenEndpointWithBarrier(),
      )
      await using fixture = await openOauthFixture({
        apiUrl: server.url,
        ...(url ? { databaseUrl: url } : {}),
      })
      await fixture.oauth.tokens.put(companyToken('cmp_T1'))

      const tokens = await runWorkers(server.url, fixture, 'cmp_T1')
      const stored = await fixture.oauth.tokens.get(testAppId, 'loc_A1')

      expect(server.requestsTo('/barrier')).toHaveLength(workerCount)
      expect(server.requestsTo('/oauth/locationToken')).toHaveLength(1)
      expect(tokens).toEqual(Array.from({ length: 10 }, () => 'AT_loc_A1'))
      expect(stored?.locationId).toBe('loc_A1')
    }, 60_000)
  },
)

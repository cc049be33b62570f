import { randomUUID } from 'node:crypto'
import { busiestWindow, tempPostgresUrl, testEnv } from '@hoopkit/testing'
import { afterAll, describe, expect, test } from 'vitest'
import { type Database, openDatabase } from '../../src/db/database.js'
import { isHoopkitError } from '../../src/errors/hoopkit-error.js'
import { MemoryRateLimitStore } from '../../src/rate-limit/memory-rate-limit-store.js'
import { PostgresRateLimitStore } from '../../src/rate-limit/postgres-rate-limit-store.js'
import type { RateLimitStore } from '../../src/rate-limit/rate-limit-store.js'
import { RateLimiter } from '../../src/rate-limit/rate-limiter.js'
import { RedisRateLimitStore } from '../../src/rate-limit/redis-rate-limit-store.js'
import { startApiFixture } from '../support/api-fixture.js'

const token = {
  userType: 'Location' as const,
  resourceId: 'loc_A1',
  companyId: 'cmp_T1',
  accessToken: 'AT_loc_A1',
}
const windowMs = 2_000
const maxPerWindow = 100

const postgresUrl = await tempPostgresUrl()
const databases: Database[] = []
const stores: RateLimitStore[] = []
afterAll(async () => {
  for (const store of stores) {
    await store.close()
  }
  for (const database of databases) {
    await database.close()
  }
})

// The client's pacing runs on every store, since each one must keep the
// sliding window exactly.
const backends: { name: string; open(): Promise<RateLimitStore> }[] = [
  { name: 'memory', open: async () => new MemoryRateLimitStore() },
  {
    name: 'redis',
    open: async () => {
      const store = new RedisRateLimitStore({
        url: testEnv.redisUrl,
        keyPrefix: `hoopkit-test:${randomUUID()}:`,
      })
      stores.push(store)
      return store
    },
  },
]
if (postgresUrl) {
  backends.push({
    name: 'postgres',
    open: async () => {
      const database = await openDatabase({ url: postgresUrl })
      databases.push(database)
      return new PostgresRateLimitStore(database)
    },
  })
}

describe('ApiClient pacing', () => {
  test.each(backends)(
    '150 GETs stay under the limit ($name)',
    async (backend) => {
      const statuses: number[] = []
      const arrivals: number[] = []
      await using fixture = await startApiFixture({
        // A sliding-window limit of 100 per window, as the platform enforces.
        handler: (request) => {
          const recent = arrivals.filter((at) => at > request.at - windowMs)
          arrivals.push(request.at)
          const status = recent.length >= maxPerWindow ? 429 : 200
          statuses.push(status)
          return status === 429
            ? {
                status,
                body: { statusCode: 429, message: 'Too Many Requests' },
              }
            : { status, body: { contacts: [], count: 0 } }
        },
        tokens: [token],
        client: {
          rateLimiter: new RateLimiter({
            burstWindowMs: windowMs,
            store: await backend.open(),
          }),
        },
      })

      const results = await Promise.all(
        Array.from({ length: 150 }, () =>
          fixture.client.location('loc_A1').contacts.list(),
        ),
      )

      expect(results).toHaveLength(150)
      expect(fixture.apiRequests()).toHaveLength(150)
      expect(statuses.filter((s) => s === 429)).toHaveLength(0)
      expect(
        busiestWindow(
          fixture.apiRequests().map((r) => r.at),
          windowMs,
        ),
      ).toBeLessThanOrEqual(100)
    },
  )
})

describe('ApiClient retry cap', () => {
  test('burst 429 stops at retry cap', async () => {
    await using fixture = await startApiFixture({
      handler: () => ({
        status: 429,
        body: { statusCode: 429, message: 'Too Many Requests' },
        headers: {
          'X-RateLimit-Max': '100',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Interval-Milliseconds': '20',
          'X-RateLimit-Daily-Remaining': '150000',
        },
      }),
      tokens: [token],
    })

    const error = await fixture.client
      .location('loc_A1')
      .contacts.list()
      .catch((caught: unknown) => caught)

    expect(isHoopkitError(error, 'BURST_LIMIT_EXCEEDED')).toBe(true)
    expect(fixture.apiRequests()).toHaveLength(4)
  })

  test('POST that times out is sent once', async () => {
    await using fixture = await startApiFixture({
      handler: () => ({ hang: true }),
      tokens: [token],
      client: { timeoutMs: 200 },
    })

    const error = await fixture.client
      .location('loc_A1')
      .contacts.create({ firstName: 'Ada' })
      .catch((caught: unknown) => caught)

    expect(isHoopkitError(error, 'API_TIMEOUT')).toBe(true)
    expect(fixture.apiRequests()).toHaveLength(1)
  })

  test('POST retries after timeout on opt-in', async () => {
    await using fixture = await startApiFixture({
      handler: () => ({ hang: true }),
      tokens: [token],
      client: { timeoutMs: 100 },
    })

    const error = await fixture.client
      .location('loc_A1')
      .contacts.create({ firstName: 'Ada' }, { retry: 'always' })
      .catch((caught: unknown) => caught)

    expect(isHoopkitError(error, 'API_TIMEOUT')).toBe(true)
    expect(fixture.apiRequests()).toHaveLength(4)
  })

  test('POST 5xx is not retried', async () => {
    await using fixture = await startApiFixture({
      handler: () => ({
        status: 502,
        body: { statusCode: 502, message: 'Bad Gateway' },
      }),
      tokens: [token],
    })

    const error = await fixture.client
      .location('loc_A1')
      .contacts.create({ firstName: 'Ada' })
      .catch((caught: unknown) => caught)

    expect(isHoopkitError(error, 'API_REQUEST_FAILED')).toBe(true)
    expect(fixture.apiRequests()).toHaveLength(1)
  })

  test('GET retries 5xx and dropped connections', async () => {
    await using fixture = await startApiFixture({
      handler: (_request, index) => {
        if (index === 0)
          return {
            status: 503,
            body: { statusCode: 503, message: 'Unavailable' },
          }
        if (index === 1) return { drop: true }
        return { status: 200, body: { contact: { id: 'ct_1' } } }
      },
      tokens: [token],
    })

    const result = await fixture.client.location('loc_A1').contacts.get('ct_1')

    expect(result.contact.id).toBe('ct_1')
    expect(fixture.apiRequests()).toHaveLength(3)
  })

  test('bulk work yields to interactive calls', async () => {
    await using fixture = await startApiFixture({
      handler: (request) =>
        request.path.startsWith('/contacts/ct_')
          ? { status: 200, body: { contact: { id: 'ct_1' } } }
          : { status: 200, body: { contacts: [], count: 0 } },
      tokens: [token],
      client: {
        rateLimiter: new RateLimiter({ burstMax: 2, burstWindowMs: 300 }),
      },
    })
    const location = fixture.client.location('loc_A1')

    const bulk = Array.from({ length: 6 }, () =>
      location.contacts.list({}, { priority: 'bulk' }),
    )
    const interactive = location.contacts.get('ct_1')
    await Promise.all([...bulk, interactive])

    const paths = fixture.apiRequests().map((r) => r.path)
    expect(paths.indexOf('/contacts/ct_1')).toBeLessThanOrEqual(2)
  })
})

import { randomUUID } from 'node:crypto'
import { tempPostgresUrl, testEnv } from '@hoopkit/testing'
import { afterAll, describe, expect, test } from 'vitest'
import { type Database, openDatabase } from '../../src/db/database.js'
import { MemoryRateLimitStore } from '../../src/rate-limit/memory-rate-limit-store.js'
import { PostgresRateLimitStore } from '../../src/rate-limit/postgres-rate-limit-store.js'
import type {
  BucketLimits,
  RateLimitStore,
} from '../../src/rate-limit/rate-limit-store.js'
import { RedisRateLimitStore } from '../../src/rate-limit/redis-rate-limit-store.js'

const limits: BucketLimits = {
  burstMax: 5,
  burstWindowMs: 10_000,
  dailyMax: 12,
  dailyWindowMs: 86_400_000,
}
const t0 = 1_800_000_000_000

interface Backend {
  name: string
  /** A store; stores opened by one backend share their counts. */
  open(): Promise<RateLimitStore>
}

const opened: RateLimitStore[] = []
const databases: Database[] = []
const postgresUrl = await tempPostgresUrl()
const redisPrefix = `hoopkit-test:${randomUUID()}:`

const backends: Backend[] = [
  {
    name: 'memory',
    open: async () => {
      const shared = opened.find((s) => s instanceof MemoryRateLimitStore)
      return shared ?? track(new MemoryRateLimitStore())
    },
  },
  {
    name: 'redis',
    open: async () =>
      track(
        new RedisRateLimitStore({
          url: testEnv.redisUrl,
          keyPrefix: redisPrefix,
        }),
      ),
  },
]

// tempPostgresUrl returns no URL only outside CI, when no server runs.
if (postgresUrl) {
  backends.push({
    name: 'postgres',
    open: async () => {
      const database = await openDatabase({ url: postgresUrl as string })
      databases.push(database)
      return track(new PostgresRateLimitStore(database))
    },
  })
}

/** Acquires and settles at once, as for a request with an instant response. */
async function send(store: RateLimitStore, key: string, at: number) {
  const ticket = randomUUID()
  const result = await store.acquire(key, limits, at, ticket)
  if (result.ok) {
    await store.settle(key, ticket, at)
  }
  return result
}

function track(store: RateLimitStore): RateLimitStore {
  opened.push(store)
  return store
}

afterAll(async () => {
  for (const store of opened) {
    await store.close()
  }
  for (const database of databases) {
    await database.close()
  }
})

describe.each(backends)('$name rate limit store', (backend) => {
  const bucket = () => `app_T1:${randomUUID()}`

  test('allows burst max then denies', async () => {
    const store = await backend.open()
    const key = bucket()

    const results = []
    for (let i = 0; i < 6; i++) {
      results.push(await send(store, key, t0 + i * 100))
    }

    expect(results.slice(0, 5).every((r) => r.ok)).toBe(true)
    expect(results[5]).toEqual({ ok: false, limit: 'burst', retryInMs: 9_500 })
  })

  test('frees room after one window', async () => {
    const store = await backend.open()
    const key = bucket()
    for (let i = 0; i < 5; i++) {
      await send(store, key, t0 + i * 100)
    }

    const justBefore = await store.acquire(
      key,
      limits,
      t0 + 9_999,
      randomUUID(),
    )
    const after = await send(store, key, t0 + 10_000)

    expect(justBefore.ok).toBe(false)
    expect(after).toEqual({ ok: true })
  })

  test('settled requests count from response', async () => {
    const store = await backend.open()
    const key = bucket()
    const tickets = Array.from({ length: 5 }, () => randomUUID())
    for (const ticket of tickets) {
      await store.acquire(key, limits, t0, ticket)
    }
    for (const ticket of tickets) {
      await store.settle(key, ticket, t0 + 3_000)
    }

    const atWindow = await send(store, key, t0 + 10_000)
    const afterSettled = await store.acquire(
      key,
      limits,
      t0 + 13_000,
      randomUUID(),
    )

    expect(atWindow).toEqual({ ok: false, limit: 'burst', retryInMs: 3_000 })
    expect(afterSettled).toEqual({ ok: true })
  })

  test('request in flight keeps counting', async () => {
    const store = await backend.open()
    const key = bucket()
    const tickets = Array.from({ length: 5 }, () => randomUUID())
    for (const ticket of tickets) {
      await store.acquire(key, limits, t0, ticket)
    }

    const whileInFlight = await send(store, key, t0 + 10_000)
    for (const ticket of tickets) {
      await store.settle(key, ticket, t0 + 10_001)
    }
    const afterResponses = await send(store, key, t0 + 20_001)

    expect(whileInFlight.ok).toBe(false)
    expect(afterResponses).toEqual({ ok: true })
  })

  test('spent daily budget denies as daily', async () => {
    const store = await backend.open()
    const key = bucket()
    for (let i = 0; i < 12; i++) {
      const result = await send(store, key, t0 + i * 20_000)
      expect(result.ok).toBe(true)
    }

    const denied = await send(store, key, t0 + 13 * 20_000)

    expect(denied.ok).toBe(false)
    expect(denied).toMatchObject({ limit: 'daily' })
  })

  test('raise counts unseen requests', async () => {
    const store = await backend.open()
    const key = bucket()

    await store.raise(key, { burstUsed: 4, dailyUsed: 4 }, limits, t0)
    const first = await send(store, key, t0 + 1)
    const second = await send(store, key, t0 + 2)

    expect(first).toEqual({ ok: true })
    expect(second).toEqual({ ok: false, limit: 'burst', retryInMs: 9_998 })
  })

  test('raise skips requests already counted', async () => {
    const store = await backend.open()
    const key = bucket()
    for (let i = 0; i < 3; i++) {
      await send(store, key, t0)
    }

    // The platform reports the three requests after they left this window.
    const later = t0 + 10_500
    await store.raise(
      key,
      { burstUsed: 3, countedSince: t0 - 1 },
      limits,
      later,
    )
    const results = []
    for (let i = 0; i < 5; i++) {
      results.push(await send(store, key, later))
    }

    expect(results.every((result) => result.ok)).toBe(true)
  })

  test('buckets are counted apart', async () => {
    const store = await backend.open()
    const busy = bucket()
    const quiet = bucket()
    for (let i = 0; i < 5; i++) {
      await send(store, busy, t0)
    }

    const result = await send(store, quiet, t0)

    expect(result).toEqual({ ok: true })
  })

  test('concurrent stores share one budget', async () => {
    const stores = [await backend.open(), await backend.open()]
    const key = bucket()

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (stores[i % 2] as RateLimitStore).acquire(
          key,
          limits,
          t0,
          randomUUID(),
        ),
      ),
    )

    expect(results.filter((r) => r.ok)).toHaveLength(5)
  })
})

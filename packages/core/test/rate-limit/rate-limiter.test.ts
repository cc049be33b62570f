import { randomUUID } from 'node:crypto'
import { testEnv } from '@hoopkit/testing'
import { describe, expect, test } from 'vitest'
import { isHoopkitError } from '../../src/errors/hoopkit-error.js'
import { RateLimiter } from '../../src/rate-limit/rate-limiter.js'
import { RedisRateLimitStore } from '../../src/rate-limit/redis-rate-limit-store.js'
import { startApiFixture } from '../support/api-fixture.js'

const token = {
  userType: 'Location' as const,
  resourceId: 'loc_A1',
  companyId: 'cmp_T1',
  accessToken: 'AT_loc_A1',
}
const ok = { status: 200, body: { contacts: [], count: 0 } }

function redisStore(): RedisRateLimitStore {
  return new RedisRateLimitStore({
    url: testEnv.redisUrl,
    keyPrefix: `hoopkit-test:${randomUUID()}:`,
  })
}

describe('RateLimiter', () => {
  test('store failure fails the call', async () => {
    const store = redisStore()
    await store.close()
    await using fixture = await startApiFixture({
      handler: () => ok,
      tokens: [token],
      client: { rateLimiter: new RateLimiter({ store }) },
    })

    const error = await fixture.client
      .location('loc_A1')
      .contacts.list()
      .catch((caught: unknown) => caught)

    expect(isHoopkitError(error, 'RATE_LIMIT_STORE_UNAVAILABLE')).toBe(true)
    expect(fixture.apiRequests()).toHaveLength(0)
  })

  test('client leaves a passed limiter open', async () => {
    const rateLimiter = new RateLimiter({ store: redisStore() })
    {
      await using fixture = await startApiFixture({
        handler: () => ok,
        tokens: [token],
        client: { rateLimiter },
      })
      await fixture.client.location('loc_A1').contacts.list()
    }

    const decision = await rateLimiter.acquire('app_T1:loc_A1')
    await rateLimiter.close()

    expect(decision.ok).toBe(true)
  })

  test('learns limits from headers', async () => {
    const rateLimiter = new RateLimiter()

    await rateLimiter.observe('app_T1:loc_A1', {
      max: 50,
      intervalMs: 5_000,
      dailyLimit: 1_000,
    })

    expect(rateLimiter.limitsOf('app_T1:loc_A1')).toEqual({
      burstMax: 50,
      burstWindowMs: 5_000,
      dailyMax: 1_000,
      dailyWindowMs: 86_400_000,
    })
    expect(rateLimiter.limitsOf('app_T1:loc_B2').burstMax).toBe(100)
  })
})

import { describe, expect, test } from 'vitest'
import { isHoopkitError } from '../../src/errors/hoopkit-error.js'
import { RateLimiter } from '../../src/rate-limit/rate-limiter.js'
import { startApiFixture } from '../support/api-fixture.js'
import type { RecordedRequest, StubReply } from '../support/platform-stub.js'
import { recordingClock } from '../support/recording-clock.js'

const tokens = ['loc_A1', 'loc_B2'].map((id) => ({
  userType: 'Location' as const,
  resourceId: id,
  companyId: 'cmp_T1',
  accessToken: `AT_${id}`,
}))
const ok: StubReply = { status: 200, body: { contacts: [], count: 0 } }
const jitterMs = 1_000

function tenantOf(request: RecordedRequest): string | null {
  return request.query.get('locationId')
}

async function runWithFirstA1Reply(first: StubReply) {
  // Scale 20: the 10 s window of the headers passes in 500 ms.
  const clock = recordingClock(20)
  let a1Requests = 0
  const fixture = await startApiFixture({
    handler: (request) => {
      if (tenantOf(request) !== 'loc_A1') return ok
      a1Requests++
      return a1Requests === 1 ? first : ok
    },
    tokens,
    client: {
      clock,
      rateLimiter: new RateLimiter({ clock }),
      retry: { burstJitterMs: jitterMs },
    },
  })

  const a1 = fixture.client
    .location('loc_A1')
    .contacts.list()
    .catch((error: unknown) => error)
  const b2 = Promise.all(
    Array.from({ length: 5 }, () =>
      fixture.client.location('loc_B2').contacts.list(),
    ),
  )
  const [a1Result, b2Results] = await Promise.all([a1, b2])
  return { fixture, clock, a1Result, b2Results }
}

describe('RateLimiter burst and daily 429', () => {
  test('burst 429 waits one window', async () => {
    const { fixture, clock, a1Result, b2Results } = await runWithFirstA1Reply({
      status: 429,
      body: { statusCode: 429, message: 'Too Many Requests' },
      headers: {
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Interval-Milliseconds': '10000',
        'X-RateLimit-Daily-Remaining': '150000',
      },
    })
    await using _ = fixture

    expect(a1Result).toEqual({ contacts: [], count: 0 })
    const order = fixture.apiRequests().map(tenantOf)
    expect(order.filter((t) => t === 'loc_A1')).toHaveLength(2)
    expect(b2Results).toHaveLength(5)
    expect(order.lastIndexOf('loc_B2')).toBeLessThan(
      order.lastIndexOf('loc_A1'),
    )
    const waited = clock.sleeps.reduce((sum, ms) => sum + ms, 0)
    expect(waited).toBeGreaterThan(0)
    expect(waited).toBeLessThanOrEqual(10_000 + jitterMs)
  })

  test('burst 429 honours shorter Retry-After', async () => {
    const { fixture, clock, a1Result } = await runWithFirstA1Reply({
      status: 429,
      body: { statusCode: 429, message: 'Too Many Requests' },
      headers: {
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Interval-Milliseconds': '10000',
        'X-RateLimit-Daily-Remaining': '150000',
        'Retry-After': '2',
      },
    })
    await using _ = fixture

    expect(a1Result).toEqual({ contacts: [], count: 0 })
    const waited = clock.sleeps.reduce((sum, ms) => sum + ms, 0)
    expect(waited).toBeGreaterThan(0)
    expect(waited).toBeLessThanOrEqual(2_000 + jitterMs)
  })

  test('daily 429 fails without retry', async () => {
    const { fixture, clock, a1Result, b2Results } = await runWithFirstA1Reply({
      status: 429,
      body: { statusCode: 429, message: 'Too Many Requests' },
      headers: {
        'X-RateLimit-Remaining': '40',
        'X-RateLimit-Interval-Milliseconds': '10000',
        'X-RateLimit-Daily-Remaining': '0',
      },
    })
    await using _ = fixture

    expect(isHoopkitError(a1Result, 'DAILY_LIMIT_EXCEEDED')).toBe(true)
    expect((a1Result as Error).message).toContain('loc_A1')
    const order = fixture.apiRequests().map(tenantOf)
    expect(order.filter((t) => t === 'loc_A1')).toHaveLength(1)
    expect(order.filter((t) => t === 'loc_B2')).toHaveLength(5)
    expect(b2Results).toHaveLength(5)
    expect(clock.sleeps).toEqual([])
  })

  test('spent daily budget fails later calls', async () => {
    const { fixture, a1Result } = await runWithFirstA1Reply({
      status: 429,
      body: { statusCode: 429, message: 'Too Many Requests' },
      headers: {
        'X-RateLimit-Limit-Daily': '200000',
        'X-RateLimit-Daily-Remaining': '0',
      },
    })
    await using _ = fixture

    const again = await fixture.client
      .location('loc_A1')
      .contacts.list()
      .catch((error: unknown) => error)

    expect(isHoopkitError(a1Result, 'DAILY_LIMIT_EXCEEDED')).toBe(true)
    expect(isHoopkitError(again, 'DAILY_LIMIT_EXCEEDED')).toBe(true)
    const a1 = fixture.apiRequests().filter((r) => tenantOf(r) === 'loc_A1')
    expect(a1).toHaveLength(1)
  })
})

import { isHoopkitError, RateLimiter, scaledClock } from '@hoopkit/core'
import { describe, expect, test } from 'vitest'
import { seedIds } from '../../src/state/seed-data.js'
import {
  type ApiTestPlatform,
  startApiTestPlatform,
} from './api-test-platform.js'

const harbor = seedIds.harbor
const contactId = 'SbxContactHarbor0001'

function statuses(platform: ApiTestPlatform): (number | null)[] {
  return platform.sandbox.context.api.limits.requests.map((r) => r.status)
}

describe('sandbox fault injection', () => {
  test('5xx from options is retried by GET', async () => {
    await using platform = await startApiTestPlatform({
      sandbox: {
        api: {
          faults: [
            { path: '/contacts/*', kind: 'error', status: 503, count: 1 },
          ],
        },
      },
    })

    const { contact } = await platform.client
      .location(harbor)
      .contacts.get(contactId)

    expect(contact.id).toBe(contactId)
    expect(statuses(platform)).toEqual([503, 200])
  })

  test('dropped connection is retried by GET', async () => {
    await using platform = await startApiTestPlatform()
    platform.sandbox.context.api.faults.inject({
      path: /^\/contacts\//,
      method: 'GET',
      kind: 'drop',
      count: 1,
    })

    const { contact } = await platform.client
      .location(harbor)
      .contacts.get(contactId)

    expect(contact.id).toBe(contactId)
    expect(statuses(platform)).toEqual([null, 200])
  })

  test('slow POST is sent once', async () => {
    await using platform = await startApiTestPlatform({
      client: { timeoutMs: 200 },
    })
    platform.sandbox.context.api.faults.inject({
      path: '/contacts/',
      method: 'POST',
      kind: 'latency',
      latencyMs: 5_000,
      count: 1,
    })

    const error = await platform.client
      .location(harbor)
      .contacts.create({ firstName: 'Slow' })
      .catch((caught: unknown) => caught)

    expect(isHoopkitError(error, 'API_TIMEOUT')).toBe(true)
    const posts = platform.sandbox.context.api.limits.requests.filter(
      (r) => r.method === 'POST',
    )
    expect(posts).toHaveLength(1)
  })

  test('injected daily 429 is not retried', async () => {
    await using platform = await startApiTestPlatform()
    platform.sandbox.context.api.faults.inject({
      path: '/contacts/*',
      kind: 'rate-limit',
      daily: true,
      count: 1,
    })

    const error = await platform.client
      .location(harbor)
      .contacts.get(contactId)
      .catch((caught: unknown) => caught)

    expect(isHoopkitError(error, 'DAILY_LIMIT_EXCEEDED')).toBe(true)
    expect((error as Error).message).toContain(harbor)
    expect(statuses(platform)).toEqual([429])
  })

  test('injected burst 429 is retried once', async () => {
    const clock = scaledClock(100)
    await using platform = await startApiTestPlatform({
      sandbox: { timeScale: 100 },
      client: { clock, rateLimiter: new RateLimiter({ clock }) },
    })
    platform.sandbox.context.api.faults.inject({
      path: '/contacts/*',
      kind: 'rate-limit',
      count: 1,
    })

    const { contact } = await platform.client
      .location(harbor)
      .contacts.get(contactId)

    expect(contact.id).toBe(contactId)
    expect(statuses(platform)).toEqual([429, 200])
  })
})

describe('sandbox rate limit settings', () => {
  test('429 past burst max with headers', async () => {
    await using platform = await startApiTestPlatform({
      sandbox: { api: { rateLimits: { burstMax: 2, retryAfter: true } } },
    })

    const first = await platform.rawGet(`/contacts/${contactId}`)
    await platform.rawGet(`/contacts/${contactId}`)
    const third = await platform.rawGet(`/contacts/${contactId}`)

    expect(first.status).toBe(200)
    expect(first.headers.get('x-ratelimit-max')).toBe('2')
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1')
    expect(first.headers.get('x-ratelimit-interval-milliseconds')).toBe('10000')
    expect(first.headers.get('x-ratelimit-limit-daily')).toBe('200000')
    expect(first.headers.get('x-ratelimit-daily-remaining')).toBe('199999')
    expect(third.status).toBe(429)
    expect(await third.json()).toEqual({
      statusCode: 429,
      message: 'Too Many Requests',
    })
    expect(third.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  test('daily limit answers daily 429', async () => {
    await using platform = await startApiTestPlatform()
    platform.sandbox.context.api.limits.configure({ dailyMax: 1 })

    await platform.rawGet(`/contacts/${contactId}`)
    const second = await platform.rawGet(`/contacts/${contactId}`)

    expect(second.status).toBe(429)
    expect(second.headers.get('x-ratelimit-daily-remaining')).toBe('0')
    expect(second.headers.get('retry-after')).toBeNull()
  })

  test('headers only on 429 when configured', async () => {
    await using platform = await startApiTestPlatform({
      sandbox: { api: { rateLimits: { headersOnEveryResponse: false } } },
    })

    const response = await platform.rawGet(`/contacts/${contactId}`)

    expect(response.status).toBe(200)
    expect(response.headers.get('x-ratelimit-remaining')).toBeNull()
  })

  test('only valid tokens are counted', async () => {
    await using platform = await startApiTestPlatform()

    const rejected = await fetch(
      `${platform.sandbox.url}/contacts/${contactId}`,
      {
        headers: { Authorization: 'Bearer not-a-token', Version: '2021-07-28' },
      },
    )
    await platform.rawGet(`/contacts/${contactId}`)

    const requests = platform.sandbox.context.api.limits.requests
    expect(rejected.status).toBe(401)
    expect(requests.map((r) => r.bucket)).toEqual([
      `${platform.app.appId}:${harbor}`,
    ])
  })
})

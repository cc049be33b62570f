import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { getUserContext } from '../src/sso/get-user-context.js'
import { matchesOrigin } from '../src/sso/origin-pattern.js'

// A window double: an EventTarget with a parent that records posts. The
// browser test covers real frames; this one covers the default timeout.
function windowDouble() {
  const target = new EventTarget()
  const posts: unknown[] = []
  const parent = { postMessage: (data: unknown) => posts.push(data) }
  const view = Object.assign(target, {
    parent,
    document: { querySelector: () => null },
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
  })
  return { view: view as unknown as Window, posts }
}

describe('getUserContext defaults', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  test('default timeout is five seconds', async () => {
    const { view, posts } = windowDouble()
    let settled = false
    const request = getUserContext({ window: view, allowedOrigins: [] })
    request
      .catch(() => {})
      .finally(() => {
        settled = true
      })

    await vi.advanceTimersByTimeAsync(4999)
    expect(settled).toBe(false)

    await vi.advanceTimersByTimeAsync(1)
    await expect(request).rejects.toMatchObject({ code: 'SSO_TIMEOUT' })
    expect(posts).toEqual([{ message: 'REQUEST_USER_DATA' }])
  })

  test('unframed page rejects at once', async () => {
    const { view } = windowDouble()
    Object.assign(view, { parent: view })

    await expect(getUserContext({ window: view })).rejects.toMatchObject({
      code: 'SSO_NOT_FRAMED',
    })
  })
})

describe('matchesOrigin', () => {
  const patterns = [
    'https://app.gohighlevel.com',
    'https://*.leadconnectorhq.com',
  ]

  test.each([
    ['https://app.gohighlevel.com', true],
    ['https://app.leadconnectorhq.com', true],
    ['https://a.b.leadconnectorhq.com', true],
    ['https://leadconnectorhq.com', false],
    ['https://leadconnectorhq.com.evil.example', false],
    ['http://app.gohighlevel.com', false],
    ['https://app.gohighlevel.com:8443', false],
    ['null', false],
  ])('%s matches: %s', (origin, expected) => {
    expect(matchesOrigin(origin, patterns)).toBe(expected)
  })

  test.each([
    ['http://127.0.0.1:4100', true],
    ['http://127.0.0.1', true],
    ['http://localhost:4100', false],
    ['https://127.0.0.1:4100', false],
  ])('%s matches any-port pattern: %s', (origin, expected) => {
    expect(matchesOrigin(origin, ['http://127.0.0.1:*'])).toBe(expected)
  })
})

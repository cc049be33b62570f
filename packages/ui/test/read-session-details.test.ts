import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { readSessionDetails } from '../src/sso/read-session-details.js'

// A window double: the platform adds `exposeSessionDetails` to it later.
function windowDouble(): Window & Record<string, unknown> {
  return {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
  } as unknown as Window & Record<string, unknown>
}

describe('readSessionDetails', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  test('waits for the platform function', async () => {
    const view = windowDouble()
    const asked: string[] = []
    const reading = readSessionDetails('app_1', { window: view })
    await vi.advanceTimersByTimeAsync(200)
    view['exposeSessionDetails'] = async (appId: string) => {
      asked.push(appId)
      return 'U2FsdGVkX1-payload'
    }
    await vi.advanceTimersByTimeAsync(100)

    await expect(reading).resolves.toBe('U2FsdGVkX1-payload')
    expect(asked).toEqual(['app_1'])
  })

  test('missing function times out', async () => {
    const reading = readSessionDetails('app_1', {
      window: windowDouble(),
      timeoutMs: 1000,
    })
    const outcome = expect(reading).rejects.toMatchObject({
      code: 'SSO_TIMEOUT',
    })
    await vi.advanceTimersByTimeAsync(1100)

    await outcome
  })

  test('empty payload names the Shared Secret', async () => {
    const view = windowDouble()
    view['exposeSessionDetails'] = async () => ''

    await expect(readSessionDetails('app_1', { window: view })).rejects.toThrow(
      /Shared Secret/,
    )
  })
})

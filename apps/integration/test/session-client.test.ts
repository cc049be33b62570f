import { ssoVectors } from '@hoopkit/testing'
import { createApiClient, isUiError, SessionClient } from '@hoopkit/ui'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startUiBackend, type UiTestBackend } from './ui-test-backend.js'

const { secret, payload } = ssoVectors.platform

describe('SessionClient against the backend', () => {
  let backend: UiTestBackend

  beforeAll(async () => {
    backend = await startUiBackend({ HOOPAI_SSO_KEY: secret })
    await backend.addInstall({ resource_id: 'loc_T1' })
  })

  afterAll(async () => {
    await backend.close()
  })

  // Counts the exchanges, so a test can tell a reused token from a new one.
  function countingFetch(): { fetch: typeof fetch; exchanges: () => number } {
    let exchanges = 0
    const counted: typeof fetch = (input, init) => {
      if (String(input).endsWith('/sso/session')) {
        exchanges += 1
      }
      return fetch(input, init)
    }
    return { fetch: counted, exchanges: () => exchanges }
  }

  test('concurrent calls share one exchange', async () => {
    const counter = countingFetch()
    const session = new SessionClient({
      baseUrl: backend.url,
      getPayload: async () => payload,
      fetch: counter.fetch,
    })
    const tokens = await Promise.all([1, 2, 3, 4, 5].map(() => session.token()))
    const context = await session.context()

    expect(counter.exchanges()).toBe(1)
    expect(new Set(tokens).size).toBe(1)
    expect(context.locationId).toBe('loc_T1')
    expect(context.userName).toBe('Zoë Test')
  })

  test('token near expiry is renewed', async () => {
    const counter = countingFetch()
    // The backend's tokens live 15 minutes, so a 20-minute margin makes
    // every token count as near expiry.
    const session = new SessionClient({
      baseUrl: backend.url,
      getPayload: async () => payload,
      fetch: counter.fetch,
      renewBeforeMs: 20 * 60 * 1000,
    })
    await session.token()
    await session.token()

    expect(counter.exchanges()).toBe(2)
  })

  test('rejected payload is asked for again', async () => {
    const payloads = ['U2FsdGVkX19ub3QtdGhlLXJpZ2h0LXBheWxvYWQ=', payload]
    let asked = 0
    const session = new SessionClient({
      baseUrl: backend.url,
      getPayload: async () => payloads[asked++] ?? payload,
    })

    expect(typeof (await session.token())).toBe('string')
    expect(asked).toBe(2)
  })

  test('failed exchange keeps server message', async () => {
    const session = new SessionClient({
      baseUrl: backend.url,
      getPayload: async () => 'not-a-payload',
    })
    const error = await session.token().catch((reason: unknown) => reason)

    expect(isUiError(error, 'SSO_EXCHANGE_FAILED')).toBe(true)
    expect((error as { status: number }).status).toBe(401)
    expect((error as Error).message).toContain('HOOPAI_SSO_KEY')
  })

  test('api client sends bearer session', async () => {
    const session = new SessionClient({
      baseUrl: backend.url,
      getPayload: async () => payload,
    })
    const client = createApiClient({ session, baseUrl: backend.url })
    const whoami = await client.session.whoami.query()
    const settings = await client.settings.get.query({ locationId: 'loc_T1' })
    const foreign = await client.settings.get
      .query({ locationId: 'loc_other' })
      .catch((reason: { data?: { code?: string } }) => reason.data?.code)

    expect(whoami.locationId).toBe('loc_T1')
    expect(settings.version).toBe(0)
    expect(foreign).toBe('FORBIDDEN')
  })
})

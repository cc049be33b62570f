import { ssoVectors } from '@hoopkit/testing'
import { describe, expect, test } from 'vitest'
import { startUiBackend } from './ui-test-backend.js'

const caseKey = ssoVectors.platform.secret
const casePayload = ssoVectors.platform.payload

describe('custom page without cookies', () => {
  test('bearer flow needs no cookie', async () => {
    await using backend = await startUiBackend({ HOOPAI_SSO_KEY: caseKey })
    await backend.addInstall({ resource_id: 'loc_T1' })
    const responses: Response[] = []

    // Node's fetch keeps no cookie jar, like a frame whose browser drops
    // third-party cookies; `redirect: 'manual'` exposes any 3xx.
    const send = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${backend.url}${path}`, {
        ...init,
        redirect: 'manual',
      })
      responses.push(response)
      return response
    }

    const page = await send('/pages/?locationId=loc_T1')
    const exchange = await send('/sso/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payload: casePayload }),
    })
    const { token } = (await exchange.json()) as { token: string }
    const headers = { authorization: `Bearer ${token}` }
    const whoami = await send('/trpc/session.whoami', { headers })
    const settings = await send(
      `/trpc/settings.get?input=${encodeURIComponent('{"locationId":"loc_T1"}')}`,
      { headers },
    )
    const withoutToken = await send('/trpc/session.whoami')

    expect(page.status).toBe(200)
    expect(exchange.status).toBe(200)
    expect(whoami.status).toBe(200)
    expect(settings.status).toBe(200)
    expect(withoutToken.status).toBe(401)
    for (const response of responses) {
      const redirected = response.status >= 300 && response.status < 400
      expect(redirected, response.url).toBe(false)
      for (const cookie of response.headers.getSetCookie()) {
        expect(cookie, response.url).toMatch(/;\s*SameSite=None/i)
        expect(cookie, response.url).toMatch(/;\s*Secure/i)
        expect(cookie, response.url).toMatch(/;\s*Partitioned/i)
      }
    }
    const cookies = responses.flatMap((r) => r.headers.getSetCookie())
    expect(cookies).toEqual([])
  })
})

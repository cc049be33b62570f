import { randomBytes } from 'node:crypto'
import { SignJWT } from 'jose'
import { describe, expect, test } from 'vitest'
import { SessionTokens } from '../src/sso/session-tokens.js'
import type { SsoUserContext } from '../src/sso/sso-user-context.js'

const context: SsoUserContext = {
  kind: 'location',
  userId: 'usr_1',
  companyId: 'cmp_1',
  locationId: 'loc_1',
  role: 'admin',
  userName: 'Avery Stone',
  email: 'avery@example.test',
  isAgencyOwner: false,
  versionId: null,
  appStatus: null,
  whitelabelDomain: null,
}

const key = SessionTokens.deriveKey(randomBytes(32).toString('base64'))

describe('SessionTokens', () => {
  test('issued token verifies with its tenant', async () => {
    const tokens = new SessionTokens({ key, now: () => 1_000_000 })
    const { token, session } = await tokens.issue(context)
    const result = await tokens.verify(`Bearer ${token}`)

    expect(session.expiresAt).toBe(1_000_000 + 900_000)
    expect(result).toEqual({ ok: true, session })
  })

  test('agency context gives company session', async () => {
    const tokens = new SessionTokens({ key })
    const agency = { ...context, kind: 'agency' as const, locationId: null }
    const { token } = await tokens.issue(agency)
    const result = await tokens.verify(token)

    expect(result.ok && result.session.locationId).toBeNull()
    expect(result.ok && result.session.companyId).toBe('cmp_1')
  })

  test('expired token is rejected', async () => {
    let now = 1_000_000
    const tokens = new SessionTokens({ key, ttlSeconds: 60, now: () => now })
    const { token } = await tokens.issue(context)
    now += 61_000
    const result = await tokens.verify(token)

    expect(result.ok).toBe(false)
    expect(!result.ok && result.reason).toBe('expired')
  })

  test('token signed with other key is rejected', async () => {
    const other = new SessionTokens({
      key: SessionTokens.deriveKey(randomBytes(32).toString('base64')),
    })
    const { token } = await other.issue(context)
    const result = await new SessionTokens({ key }).verify(token)

    expect(result.ok).toBe(false)
    expect(!result.ok && result.reason).toBe('invalid')
  })

  test('unsigned token is rejected', async () => {
    const [header, payload] = (
      await new SessionTokens({ key }).issue(context)
    ).token.split('.')
    const none = Buffer.from('{"alg":"none"}').toString('base64url')
    const forged = `${none}.${payload}.`
    const result = await new SessionTokens({ key }).verify(forged)

    expect(header).toBeTruthy()
    expect(result.ok).toBe(false)
  })

  test('token with missing claims is rejected', async () => {
    const token = await new SignJWT({ kind: 'location' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('hoopkit')
      .setAudience('hoopkit-ui')
      .setSubject('usr_1')
      .setExpirationTime('5m')
      .sign(key)
    const result = await new SessionTokens({ key }).verify(token)

    expect(result.ok).toBe(false)
    expect(!result.ok && result.reason).toBe('invalid')
  })

  test('missing header is rejected', async () => {
    const result = await new SessionTokens({ key }).verify(undefined)

    expect(result.ok).toBe(false)
    expect(!result.ok && result.reason).toBe('missing')
  })
})

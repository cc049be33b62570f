import { SsoCipher } from '@hoopkit/core'
import { ssoVectors } from '@hoopkit/testing'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { startUiBackend, type UiTestBackend } from './ui-test-backend.js'

const caseKey = ssoVectors.platform.secret
const casePayload = ssoVectors.platform.payload

interface SessionReply {
  token?: string
  expiresAt?: number
  context?: Record<string, unknown>
  error?: { code: string; message: string }
}

// A payload in the platform's format for a user of company cmp_T1.
function encryptedPayload(changes: Record<string, unknown>): string {
  const fields = {
    userId: 'usr_1',
    companyId: 'cmp_T1',
    role: 'user',
    type: 'location',
    activeLocation: 'loc_T1',
    userName: 'Test User',
    email: 'user@example.test',
    ...changes,
  }
  return new SsoCipher(caseKey).encrypt(JSON.stringify(fields))
}

async function exchange(backend: UiTestBackend, body: unknown) {
  const response = await fetch(`${backend.url}/sso/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    redirect: 'manual',
  })
  return { response, json: (await response.json()) as SessionReply }
}

describe('POST /sso/session', () => {
  let backend: UiTestBackend

  beforeEach(async () => {
    backend = await startUiBackend({ HOOPAI_SSO_KEY: caseKey })
    await backend.addInstall({ resource_id: 'loc_T1', company_id: 'cmp_T1' })
  })

  afterEach(async () => {
    await backend.close()
  })

  test('platform payload gives session token', async () => {
    const { response, json } = await exchange(backend, { payload: casePayload })

    expect(response.status).toBe(200)
    expect(response.headers.get('set-cookie')).toBeNull()
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(typeof json.token).toBe('string')
    expect(json.expiresAt).toBeGreaterThan(Date.now())
    expect(json.context).toMatchObject({
      kind: 'location',
      userId: 'usr_T1',
      companyId: 'cmp_T1',
      locationId: 'loc_T1',
      role: 'admin',
      userName: 'Zoë Test',
    })
  })

  test('wrong key is 401, not 500', async () => {
    await backend.close()
    backend = await startUiBackend({ HOOPAI_SSO_KEY: 'sso-test-key-0002' })
    const { response, json } = await exchange(backend, { payload: casePayload })

    expect(response.status).toBe(401)
    expect(json.error?.code).toBe('SSO_DECRYPT_FAILED')
    expect(json.error?.message).toContain('HOOPAI_SSO_KEY')
    expect(json.error?.message).not.toContain('sso-test-key')
  })

  test('payload without Salted__ is 401', async () => {
    const unsalted = Buffer.from(casePayload, 'base64')
      .subarray(16)
      .toString('base64')
    const { response, json } = await exchange(backend, { payload: unsalted })

    expect(response.status).toBe(401)
    expect(json.error?.code).toBe('SSO_DECRYPT_FAILED')
  })

  test('malformed bodies are 401', async () => {
    for (const body of [{}, { payload: 42 }, { payload: '' }, 'x']) {
      const { response } = await exchange(backend, body)
      expect(response.status, JSON.stringify(body)).toBe(401)
    }
  })

  test('encrypted non-JSON is 401', async () => {
    const payload = new SsoCipher(caseKey).encrypt('not json')
    const { response, json } = await exchange(backend, { payload })

    expect(response.status).toBe(401)
    expect(json.error?.code).toBe('SSO_DECRYPT_FAILED')
  })

  test('tenant without install is 404', async () => {
    const payload = encryptedPayload({
      userId: 'usr_2',
      companyId: 'cmp_other',
      activeLocation: 'loc_other',
    })
    const { response, json } = await exchange(backend, { payload })

    expect(response.status).toBe(404)
    expect(json.error?.code).toBe('INSTALL_NOT_FOUND')
  })

  test('agency view gives company session', async () => {
    await backend.addInstall({
      resource_id: 'cmp_T1',
      user_type: 'Company',
      location_id: null,
    })
    const payload = encryptedPayload({
      userId: 'usr_A',
      role: 'admin',
      type: 'agency',
      activeLocation: '',
    })
    const { response, json } = await exchange(backend, { payload })

    expect(response.status).toBe(200)
    expect(json.context?.['kind']).toBe('agency')
    expect(json.context?.['locationId']).toBeNull()
  })

  test('missing SSO key is a config error', async () => {
    await backend.close()
    backend = await startUiBackend({})
    const { response, json } = await exchange(backend, { payload: casePayload })

    expect(response.status).toBe(500)
    expect(json.error?.code).toBe('CONFIG_INVALID')
    expect(json.error?.message).toContain('Shared Secret')
  })
})

describe('GET /sso/session', () => {
  test('checks bearer token', async () => {
    await using backend = await startUiBackend({ HOOPAI_SSO_KEY: caseKey })
    await backend.addInstall({ resource_id: 'loc_T1' })
    const { json } = await exchange(backend, { payload: casePayload })

    const valid = await fetch(`${backend.url}/sso/session`, {
      headers: { authorization: `Bearer ${json.token}` },
    })
    const forged = await fetch(`${backend.url}/sso/session`, {
      headers: { authorization: `Bearer ${json.token}x` },
    })
    const missing = await fetch(`${backend.url}/sso/session`)

    expect(valid.status).toBe(200)
    expect(
      ((await valid.json()) as { session: { locationId: string } }).session
        .locationId,
    ).toBe('loc_T1')
    expect(forged.status).toBe(401)
    expect(missing.status).toBe(401)
  })
})

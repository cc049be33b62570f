import { describe, expect, test } from 'vitest'
import { SsoCipher } from '../src/sso/sso-cipher.js'
import {
  parseSsoUserContext,
  readSsoPayload,
} from '../src/sso/sso-user-context.js'

const cipher = new SsoCipher('context-test-key')

const locationPayload = {
  userId: 'usr_1',
  companyId: 'cmp_1',
  role: 'user',
  type: 'agency',
  activeLocation: 'loc_1',
  userName: 'Hana Brooks',
  email: 'hana@example.test',
}

describe('readSsoPayload', () => {
  test('active location decides location kind', () => {
    const result = readSsoPayload(
      cipher,
      cipher.encrypt(JSON.stringify(locationPayload)),
    )

    expect(result.ok).toBe(true)
    if (result.ok) {
      expect(result.context.kind).toBe('location')
      expect(result.context.locationId).toBe('loc_1')
      expect(result.context.companyId).toBe('cmp_1')
    }
  })

  test('empty active location means agency', () => {
    const payload = { ...locationPayload, type: 'location', activeLocation: '' }
    const result = readSsoPayload(
      cipher,
      cipher.encrypt(JSON.stringify(payload)),
    )

    expect(result.ok).toBe(true)
    if (result.ok) {
      expect(result.context.kind).toBe('agency')
      expect(result.context.locationId).toBeNull()
    }
  })

  test('keeps optional platform fields', () => {
    const payload = {
      ...locationPayload,
      isAgencyOwner: true,
      versionId: 'ver_1',
      appStatus: 'live',
      whitelabelDetails: { domain: 'crm.agency.test', logoUrl: '' },
    }
    const result = parseSsoUserContext(payload)

    expect(result.ok).toBe(true)
    if (result.ok) {
      expect(result.context.isAgencyOwner).toBe(true)
      expect(result.context.versionId).toBe('ver_1')
      expect(result.context.appStatus).toBe('live')
      expect(result.context.whitelabelDomain).toBe('crm.agency.test')
    }
  })

  test('non-JSON plaintext fails decryption', () => {
    const result = readSsoPayload(cipher, cipher.encrypt('{"userId":'))

    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('SSO_DECRYPT_FAILED')
      expect(result.error.status).toBe(401)
    }
  })

  test('invalid role is rejected', () => {
    const result = parseSsoUserContext({ ...locationPayload, role: 'owner' })

    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('SSO_PAYLOAD_INVALID')
      expect(result.error.message).toContain('role')
    }
  })

  test('payload without tenant is rejected', () => {
    const result = parseSsoUserContext({
      ...locationPayload,
      companyId: '',
      activeLocation: '',
    })

    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('SSO_PAYLOAD_INVALID')
    }
  })

  test('wrong key is a result, not a throw', () => {
    const payload = cipher.encrypt(JSON.stringify(locationPayload))
    const result = readSsoPayload(new SsoCipher('another-key'), payload)

    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('SSO_DECRYPT_FAILED')
    }
  })
})

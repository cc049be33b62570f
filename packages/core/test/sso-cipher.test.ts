import { ssoVectors } from '@hoopkit/testing'
import CryptoJS from 'crypto-js'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { isHoopkitError } from '../src/errors/hoopkit-error.js'
import { SsoCipher } from '../src/sso/sso-cipher.js'

const caseKey = ssoVectors.platform.secret
const casePayload = ssoVectors.platform.payload
const casePlaintext = ssoVectors.platform.plaintext
const vectorKey = ssoVectors.knownAnswer.secret
const vectorPayload = ssoVectors.knownAnswer.payload
const vectorPlaintext = ssoVectors.knownAnswer.plaintext

function decryptError(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  return undefined
}

describe('SsoCipher', () => {
  test('decrypts passphrase-mode payload', () => {
    const plaintext = new SsoCipher(caseKey).decrypt(casePayload)

    expect(plaintext).toBe(casePlaintext)
    expect(JSON.parse(plaintext).userName).toBe('Zoë Test')
    expect(
      Buffer.from(plaintext, 'utf8').includes(Buffer.from('c3ab', 'hex')),
    ).toBe(true)
  })

  test('decrypts known-answer vector', () => {
    const plaintext = new SsoCipher(vectorKey).decrypt(vectorPayload)

    expect(plaintext).toBe(vectorPlaintext)
  })

  test('rejects wrong key', () => {
    const error = decryptError(() =>
      new SsoCipher('sso-test-key-0002').decrypt(casePayload),
    )

    expect(isHoopkitError(error, 'SSO_DECRYPT_FAILED')).toBe(true)
    expect((error as { status: number }).status).toBe(401)
  })

  test('rejects payload without Salted__', () => {
    const raw = Buffer.from(casePayload, 'base64').subarray(16)
    const error = decryptError(() =>
      new SsoCipher(caseKey).decrypt(raw.toString('base64')),
    )

    expect(isHoopkitError(error, 'SSO_DECRYPT_FAILED')).toBe(true)
    expect((error as Error).message).toContain('Salted__')
  })

  test('rejects non-base64 and truncated payloads', () => {
    const cipher = new SsoCipher(caseKey)
    const inputs = ['', 'x', 'not base64!', casePayload.slice(0, 40)]

    for (const input of inputs) {
      const error = decryptError(() => cipher.decrypt(input))
      expect(isHoopkitError(error, 'SSO_DECRYPT_FAILED'), input).toBe(true)
    }
  })

  test('raw-key decoding fails on the vector', () => {
    const key = CryptoJS.enc.Utf8.parse(caseKey.padEnd(32, '\0'))
    const sealed = CryptoJS.enc.Base64.parse(casePayload)
    const iv = CryptoJS.lib.WordArray.create(sealed.words.slice(0, 4), 16)
    const ciphertext = CryptoJS.lib.WordArray.create(
      sealed.words.slice(4),
      sealed.sigBytes - 16,
    )
    let plaintext = ''
    try {
      plaintext = CryptoJS.AES.decrypt(
        CryptoJS.lib.CipherParams.create({ ciphertext }),
        key,
        { iv },
      ).toString(CryptoJS.enc.Utf8)
    } catch {
      plaintext = ''
    }

    expect(plaintext).not.toBe(casePlaintext)
  })

  test('decrypts payloads made by crypto-js', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 64, unit: 'grapheme' }),
        fc.string({ maxLength: 400, unit: 'grapheme' }),
        (secret, plaintext) => {
          const payload = CryptoJS.AES.encrypt(plaintext, secret).toString()

          expect(new SsoCipher(secret).decrypt(payload)).toBe(plaintext)
        },
      ),
      { numRuns: 200 },
    )
  })

  test('encrypts payloads crypto-js decrypts', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 64, unit: 'grapheme' }),
        fc.string({ maxLength: 400, unit: 'grapheme' }),
        (secret, plaintext) => {
          const payload = new SsoCipher(secret).encrypt(plaintext)
          const decrypted = CryptoJS.AES.decrypt(payload, secret).toString(
            CryptoJS.enc.Utf8,
          )

          expect(payload.startsWith('U2FsdGVkX1')).toBe(true)
          expect(decrypted).toBe(plaintext)
        },
      ),
      { numRuns: 200 },
    )
  })

  test('encrypts known-answer vector with its salt', () => {
    const salt = Buffer.from(vectorPayload, 'base64').subarray(8, 16)

    expect(new SsoCipher(vectorKey).encrypt(vectorPlaintext, salt)).toBe(
      vectorPayload,
    )
  })
})

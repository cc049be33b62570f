import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { TokenCipher } from '../src/crypto/token-cipher.js'
import { isHoopkitError } from '../src/errors/hoopkit-error.js'

describe('TokenCipher', () => {
  const cipher = new TokenCipher(randomBytes(32))

  test('round-trips a token', () => {
    const sealed = cipher.encrypt('eyJhbGciOi.token')

    expect(sealed).not.toContain('eyJhbGciOi')
    expect(cipher.decrypt(sealed)).toBe('eyJhbGciOi.token')
  })

  test('uses a fresh IV for each value', () => {
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same'))
  })

  test('rejects a value sealed with another key', () => {
    const other = new TokenCipher(randomBytes(32))
    const sealed = other.encrypt('secret-token')

    let caught: unknown
    try {
      cipher.decrypt(sealed)
    } catch (error) {
      caught = error
    }

    expect(isHoopkitError(caught, 'CONFIG_INVALID')).toBe(true)
    expect(String((caught as Error).message)).not.toContain('secret-token')
  })

  test('rejects a key of the wrong length', () => {
    expect(() => new TokenCipher(randomBytes(16))).toThrow(/32-byte key/)
  })
})

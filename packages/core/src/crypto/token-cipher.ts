import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { HoopkitError } from '../errors/hoopkit-error.js'

const algorithm = 'aes-256-gcm'
const ivLength = 12
const tagLength = 16
const formatPrefix = 'v1.'

/**
 * Encrypts tokens at rest with AES-256-GCM. Each value gets a fresh 96-bit
 * IV, and the stored form is `v1.<base64url(iv ‖ tag ‖ ciphertext)>`.
 */
export class TokenCipher {
  readonly #key: Buffer

  /** @param key 32 bytes, or their base64 form. */
  constructor(key: Buffer | string) {
    const bytes = typeof key === 'string' ? Buffer.from(key, 'base64') : key
    if (bytes.length !== 32) {
      throw new HoopkitError(
        'CONFIG_INVALID',
        `token cipher: expected a 32-byte key, got ${bytes.length} bytes`,
      )
    }
    this.#key = bytes
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(ivLength)
    const cipher = createCipheriv(algorithm, this.#key, iv)
    const ciphertext = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
    ])
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), ciphertext])
    return formatPrefix + sealed.toString('base64url')
  }

  decrypt(stored: string): string {
    if (!stored.startsWith(formatPrefix)) {
      throw decryptError('unknown format')
    }

    const sealed = Buffer.from(stored.slice(formatPrefix.length), 'base64url')
    if (sealed.length < ivLength + tagLength) {
      throw decryptError('value too short')
    }

    const iv = sealed.subarray(0, ivLength)
    const tag = sealed.subarray(ivLength, ivLength + tagLength)
    const ciphertext = sealed.subarray(ivLength + tagLength)
    try {
      const decipher = createDecipheriv(algorithm, this.#key, iv)
      decipher.setAuthTag(tag)
      return Buffer.concat([
        decipher.update(ciphertext),
        decipher.final(),
      ]).toString('utf8')
    } catch (error) {
      throw decryptError('authentication failed', error)
    }
  }
}

function decryptError(reason: string, cause?: unknown): HoopkitError {
  return new HoopkitError(
    'CONFIG_INVALID',
    `token cipher: cannot decrypt a stored token (${reason}): ` +
      'HOOPKIT_SECRET_KEY may differ from the key the token was stored with',
    { cause },
  )
}

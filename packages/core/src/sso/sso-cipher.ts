import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
} from 'node:crypto'
import { HoopkitError } from '../errors/hoopkit-error.js'

const saltedPrefix = Buffer.from('Salted__', 'latin1')
const saltLength = 8
const blockLength = 16
const keyLength = 32
const ivLength = 16
const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/
const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Encrypts and decrypts SSO payloads in the format of CryptoJS passphrase
 * mode, which is also OpenSSL's `enc -aes-256-cbc -md md5`: base64 of
 * `Salted__` ‖ salt[8] ‖ AES-256-CBC ciphertext with PKCS#7 padding. The key
 * and IV come from the shared secret and the salt through EVP_BytesToKey
 * (MD5, one iteration), so the secret is never used as the AES key itself.
 */
export class SsoCipher {
  readonly #passphrase: Buffer

  /** @param sharedSecret The app's SSO key ("Shared Secret"), as UTF-8. */
  constructor(sharedSecret: string) {
    if (sharedSecret.length === 0) {
      throw new HoopkitError(
        'CONFIG_INVALID',
        'sso cipher: expected a non-empty shared secret, got an empty ' +
          'string: set HOOPAI_SSO_KEY to the Shared Secret of the app',
      )
    }
    this.#passphrase = Buffer.from(sharedSecret, 'utf8')
  }

  /** Encrypts UTF-8 text as the platform does. `salt` is for test vectors. */
  encrypt(plaintext: string, salt: Buffer = randomBytes(saltLength)): string {
    if (salt.length !== saltLength) {
      throw new HoopkitError(
        'INTERNAL',
        `sso cipher: expected an 8-byte salt, got ${salt.length} bytes`,
      )
    }

    const { key, iv } = deriveKeyAndIv(this.#passphrase, salt)
    const cipher = createCipheriv('aes-256-cbc', key, iv)
    const ciphertext = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
    ])
    return Buffer.concat([saltedPrefix, salt, ciphertext]).toString('base64')
  }

  /**
   * Decrypts a payload to its UTF-8 text. Throws `SSO_DECRYPT_FAILED` when
   * the payload is not in this format, the secret differs, or the padding
   * or the text is invalid.
   */
  decrypt(payload: string): string {
    const sealed = decodePayload(payload)
    const salt = sealed.subarray(saltedPrefix.length, blockLength)
    const ciphertext = sealed.subarray(blockLength)
    const { key, iv } = deriveKeyAndIv(this.#passphrase, salt)

    let plaintext: Buffer
    try {
      const decipher = createDecipheriv('aes-256-cbc', key, iv)
      plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()])
    } catch (error) {
      throw decryptFailed('the padding is invalid', error)
    }

    try {
      return utf8.decode(plaintext)
    } catch (error) {
      throw decryptFailed('the plaintext is not UTF-8', error)
    }
  }
}

function decodePayload(payload: string): Buffer {
  const compact = payload.trim()
  if (!base64Pattern.test(compact) || compact.length % 4 !== 0) {
    throw decryptFailed('the payload is not base64')
  }

  const sealed = Buffer.from(compact, 'base64')
  if (!sealed.subarray(0, saltedPrefix.length).equals(saltedPrefix)) {
    throw decryptFailed('the payload does not start with "Salted__"')
  }

  const ciphertextLength = sealed.length - blockLength
  if (ciphertextLength <= 0 || ciphertextLength % blockLength !== 0) {
    throw decryptFailed(
      `the ciphertext is ${ciphertextLength} bytes, not a positive ` +
        'multiple of 16',
    )
  }
  return sealed
}

/**
 * OpenSSL's EVP_BytesToKey with MD5 and one iteration:
 * D1 = MD5(pass ‖ salt), Di = MD5(Di-1 ‖ pass ‖ salt), until 48 bytes.
 */
function deriveKeyAndIv(
  passphrase: Buffer,
  salt: Buffer,
): { key: Buffer; iv: Buffer } {
  const blocks: Buffer[] = []
  let previous = Buffer.alloc(0)
  let length = 0
  while (length < keyLength + ivLength) {
    previous = createHash('md5')
      .update(previous)
      .update(passphrase)
      .update(salt)
      .digest()
    blocks.push(previous)
    length += previous.length
  }

  const material = Buffer.concat(blocks)
  return {
    key: material.subarray(0, keyLength),
    iv: material.subarray(keyLength, keyLength + ivLength),
  }
}

function decryptFailed(reason: string, cause?: unknown): HoopkitError {
  return new HoopkitError(
    'SSO_DECRYPT_FAILED',
    `sso payload: cannot decrypt (${reason}): check that HOOPAI_SSO_KEY ` +
      'is the Shared Secret of this app and that the payload is the ' +
      'string the platform sent',
    { cause },
  )
}

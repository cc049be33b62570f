import { type KeyObject, verify } from 'node:crypto'
import { HoopkitError } from '../errors/hoopkit-error.js'

/** The current signature header: Ed25519 over the raw body, base64. */
export const signatureHeader = 'x-ghl-signature'

/** The legacy signature header: RSA-SHA256 PKCS#1 v1.5, base64. */
export const legacySignatureHeader = 'x-wh-signature'

export type VerifyFailureReason =
  | 'signature_missing'
  | 'signature_invalid'
  | 'key_missing'

export type VerifyResult =
  | { ok: true; algorithm: 'ed25519' | 'rsa-sha256' }
  | { ok: false; reason: VerifyFailureReason }

export type HeaderValue = string | string[] | undefined

export interface WebhookVerifierOptions {
  /** Ed25519 public keys; two are live during a rotation. */
  publicKeys: readonly KeyObject[]
  /** RSA public keys for the legacy header. */
  rsaPublicKeys?: readonly KeyObject[]
  /**
   * Accepts a valid `x-wh-signature` when `x-ghl-signature` is absent. The
   * platform is retiring that header in 2026.
   * @default false
   */
  legacyRsa?: boolean
  /**
   * Lets a verifier without keys be built, for local development. It still
   * rejects every request.
   * @default false
   */
  devMode?: boolean
}

/**
 * Checks webhook signatures over the raw body bytes, before any parsing. A
 * missing header, the placeholder `N/A`, a bad signature and a missing key
 * all fail.
 */
export class WebhookVerifier {
  readonly #publicKeys: readonly KeyObject[]
  readonly #rsaPublicKeys: readonly KeyObject[]
  readonly #legacyRsa: boolean

  constructor(options: WebhookVerifierOptions) {
    if (options.publicKeys.length === 0 && !options.devMode) {
      throw new HoopkitError(
        'WEBHOOK_KEY_MISSING',
        'webhook verifier: HOOPAI_WEBHOOK_PUBLIC_KEY is missing: set it to ' +
          "the platform's Ed25519 public key, or set " +
          'HOOPKIT_WEBHOOK_DEV_MODE=true to start without one',
        { details: { variable: 'HOOPAI_WEBHOOK_PUBLIC_KEY' } },
      )
    }
    this.#publicKeys = options.publicKeys
    this.#rsaPublicKeys = options.rsaPublicKeys ?? []
    this.#legacyRsa = options.legacyRsa ?? false
  }

  /**
   * Verifies `body` against the request headers. A present `x-ghl-signature`
   * decides alone, and the legacy header counts only when it is absent.
   */
  verify(body: Buffer, headers: Record<string, HeaderValue>): VerifyResult {
    const current = signatureValue(headers[signatureHeader])
    if (current !== undefined) {
      return this.#check(current, body, this.#publicKeys, null, 'ed25519')
    }

    const legacy = signatureValue(headers[legacySignatureHeader])
    if (this.#legacyRsa && legacy !== undefined) {
      return this.#check(
        legacy,
        body,
        this.#rsaPublicKeys,
        'sha256',
        'rsa-sha256',
      )
    }
    return { ok: false, reason: 'signature_missing' }
  }

  #check(
    signature: Buffer,
    body: Buffer,
    keys: readonly KeyObject[],
    digest: 'sha256' | null,
    algorithm: 'ed25519' | 'rsa-sha256',
  ): VerifyResult {
    if (keys.length === 0) {
      return { ok: false, reason: 'key_missing' }
    }

    for (const key of keys) {
      if (verifyQuietly(digest, body, key, signature)) {
        return { ok: true, algorithm }
      }
    }
    return { ok: false, reason: 'signature_invalid' }
  }
}

/** Decodes a base64 header value, or `undefined` when it is absent. */
function signatureValue(header: HeaderValue): Buffer | undefined {
  const value = Array.isArray(header) ? header[0] : header
  const trimmed = value?.trim()
  if (trimmed === undefined || trimmed === '' || trimmed === 'N/A') {
    return undefined
  }
  return Buffer.from(trimmed, 'base64')
}

function verifyQuietly(
  digest: 'sha256' | null,
  body: Buffer,
  key: KeyObject,
  signature: Buffer,
): boolean {
  try {
    return verify(digest, body, key, signature)
  } catch {
    // A key of the wrong type or a malformed signature is a failed check.
    return false
  }
}

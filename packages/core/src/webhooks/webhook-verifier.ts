import type { KeyObject } from 'node:crypto'
import { HoopkitError } from '../errors/hoopkit-error.js'
import type { Logger } from '../logging/logger.js'
import {
  defaultSignatureThreadCount,
  maxSignatureThreads,
  type SignatureDigest,
  type SignatureJob,
  type SignatureThreads,
  sharedSignatureThreads,
  verifyInline,
} from './signature-threads.js'

/** The current signature header: Ed25519 over the raw body, base64. */
export const signatureHeader = 'x-ghl-signature'

/** The legacy signature header: RSA-SHA256 PKCS#1 v1.5, base64. */
export const legacySignatureHeader = 'x-wh-signature'

export type VerifyFailureReason =
  | 'signature_missing'
  | 'signature_invalid'
  | 'key_missing'

export type SignatureHeader =
  | typeof signatureHeader
  | typeof legacySignatureHeader

export type VerifyResult =
  | { ok: true; algorithm: 'ed25519' | 'rsa-sha256' }
  | { ok: false; reason: 'signature_missing' }
  | {
      ok: false
      reason: 'signature_invalid' | 'key_missing'
      /** The header whose signature was checked, or had no key to check. */
      header: SignatureHeader
    }

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
  /**
   * The number of threads that `check` verifies signatures on, shared by
   * the process's verifiers. An Ed25519 check of a small body takes about
   * 0.1 ms of CPU, which a thread takes off the event loop. With 0, `check`
   * verifies on the event loop.
   * @default 1 when the machine has more than one core, else 0
   */
  threads?: number
  /**
   * Receives the error when a signature thread fails. The shared pool keeps
   * the logger of the first verifier that uses it.
   */
  logger?: Logger
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
  readonly #threads: SignatureThreads

  constructor(options: WebhookVerifierOptions) {
    checkKeys(options)
    this.#publicKeys = options.publicKeys
    this.#rsaPublicKeys = options.rsaPublicKeys ?? []
    this.#legacyRsa = options.legacyRsa ?? false
    this.#threads = sharedSignatureThreads(
      checkedThreadCount(options.threads ?? defaultSignatureThreadCount()),
      options.logger,
    )
  }

  /**
   * Verifies `body` against the request headers on the event loop. A present
   * `x-ghl-signature` decides alone, and the legacy header counts only when
   * it is absent.
   */
  verify(body: Buffer, headers: Record<string, HeaderValue>): VerifyResult {
    const plan = this.#plan(body, headers)
    if ('ok' in plan) {
      return plan
    }
    return verdict(verifyInline(plan.job), plan.algorithm, plan.header)
  }

  /** Verifies like `verify`, on the signature threads when there are any. */
  async check(
    body: Buffer,
    headers: Record<string, HeaderValue>,
  ): Promise<VerifyResult> {
    const plan = this.#plan(body, headers)
    if ('ok' in plan) {
      return plan
    }
    const ok = await this.#threads.verify(plan.job)
    return verdict(ok, plan.algorithm, plan.header)
  }

  /** Picks the header and keys to check, or the verdict when none apply. */
  #plan(
    body: Buffer,
    headers: Record<string, HeaderValue>,
  ): VerifyResult | SignaturePlan {
    const current = signatureValue(headers[signatureHeader])
    if (current !== undefined) {
      return planFor(current, body, this.#publicKeys, null, 'ed25519')
    }

    const legacy = signatureValue(headers[legacySignatureHeader])
    if (this.#legacyRsa && legacy !== undefined) {
      return planFor(legacy, body, this.#rsaPublicKeys, 'sha256', 'rsa-sha256')
    }
    return { ok: false, reason: 'signature_missing' }
  }
}

type Algorithm = 'ed25519' | 'rsa-sha256'

/**
 * Throws at startup when a header that the verifier accepts has no key,
 * unless dev mode lets it start. Without a key every request would get 401.
 */
function checkKeys(options: WebhookVerifierOptions): void {
  if (options.devMode) {
    return
  }

  if (options.publicKeys.length === 0) {
    throw new HoopkitError(
      'WEBHOOK_KEY_MISSING',
      'webhook verifier: HOOPAI_WEBHOOK_PUBLIC_KEY is missing: set it to ' +
        "the platform's Ed25519 public key, or set " +
        'HOOPKIT_WEBHOOK_DEV_MODE=true to start without one',
      { details: { variable: 'HOOPAI_WEBHOOK_PUBLIC_KEY' } },
    )
  }
  if (options.legacyRsa && (options.rsaPublicKeys ?? []).length === 0) {
    throw new HoopkitError(
      'WEBHOOK_KEY_MISSING',
      'webhook verifier: HOOPKIT_WEBHOOK_LEGACY_RSA is on but ' +
        "HOOPAI_WEBHOOK_RSA_PUBLIC_KEY is missing: set it to the platform's " +
        'RSA public key, or turn HOOPKIT_WEBHOOK_LEGACY_RSA off',
      { details: { variable: 'HOOPAI_WEBHOOK_RSA_PUBLIC_KEY' } },
    )
  }
}

function checkedThreadCount(threads: number): number {
  const valid =
    Number.isInteger(threads) && threads >= 0 && threads <= maxSignatureThreads
  if (valid) {
    return threads
  }
  throw new HoopkitError(
    'CONFIG_INVALID',
    `webhook verifier: threads is ${threads}: expected a whole number ` +
      `from 0 to ${maxSignatureThreads}, or 0 to check signatures on the ` +
      'event loop',
    { details: { threads } },
  )
}

interface SignaturePlan {
  job: SignatureJob
  algorithm: Algorithm
  header: SignatureHeader
}

function planFor(
  signature: Buffer,
  body: Buffer,
  keys: readonly KeyObject[],
  digest: SignatureDigest,
  algorithm: Algorithm,
): VerifyResult | SignaturePlan {
  const header =
    algorithm === 'ed25519' ? signatureHeader : legacySignatureHeader
  if (keys.length === 0) {
    return { ok: false, reason: 'key_missing', header }
  }
  return { job: { digest, body, signature, keys }, algorithm, header }
}

function verdict(
  ok: boolean,
  algorithm: Algorithm,
  header: SignatureHeader,
): VerifyResult {
  return ok
    ? { ok: true, algorithm }
    : { ok: false, reason: 'signature_invalid', header }
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

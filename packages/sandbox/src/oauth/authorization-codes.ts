import { randomBytes } from 'node:crypto'
import type { AccessGrant } from '../sandbox-auth.js'
import type { TokenDetails } from './token-store.js'

/** An authorization code from a consent, waiting for the app's exchange. */
export interface AuthorizationCode {
  code: string
  grant: AccessGrant
  details: TokenDetails
  redirectUri: string
  /** Epoch milliseconds on the sandbox clock. */
  expiresAt: number
  /** How many times the code was exchanged. */
  exchanges: number
  /** Runs after the first exchange, such as sending held INSTALL webhooks. */
  afterExchange: (() => void) | null
}

export type CodeRedemption =
  | { ok: true; code: AuthorizationCode }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' }

/** The authorization codes that consents created. They stay in memory. */
export class AuthorizationCodes {
  readonly #codes = new Map<string, AuthorizationCode>()

  /** Creates a 40-hex-digit code, the form of the platform's samples. */
  create(
    fields: Omit<AuthorizationCode, 'code' | 'exchanges'>,
  ): AuthorizationCode {
    const record = {
      ...fields,
      code: randomBytes(20).toString('hex'),
      exchanges: 0,
    }
    this.#codes.set(record.code, record)
    return record
  }

  /** Returns how many times a code was exchanged, or `undefined` if unknown. */
  exchangesOf(code: string): number | undefined {
    return this.#codes.get(code)?.exchanges
  }

  /**
   * Counts one exchange of the code. A code is valid until `expiresAt`,
   * and only for its first exchange unless `allowReuse` is set.
   */
  redeem(code: string, now: number, allowReuse: boolean): CodeRedemption {
    const record = this.#codes.get(code)
    if (record === undefined) {
      return { ok: false, reason: 'unknown' }
    }
    if (record.expiresAt <= now) {
      return { ok: false, reason: 'expired' }
    }
    if (record.exchanges > 0 && !allowReuse) {
      return { ok: false, reason: 'used' }
    }

    record.exchanges += 1
    return { ok: true, code: record }
  }
}

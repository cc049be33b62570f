import type { AuthFailure, SandboxAuth } from '../sandbox-auth.js'
import type { SandboxClock } from '../sandbox-clock.js'
import type { TokenStore } from './token-store.js'

const invalidToken: AuthFailure = {
  statusCode: 401,
  body: {
    statusCode: 401,
    message: 'Invalid token: access token is invalid',
    error: 'Unauthorized',
  },
}

/**
 * Checks `Authorization: Bearer <token>` against the tokens the sandbox
 * issued. A missing, unknown, expired or revoked token gets the platform's
 * 401 body.
 */
export class BearerAuth implements SandboxAuth {
  readonly #tokens: TokenStore
  readonly #clock: SandboxClock

  constructor(tokens: TokenStore, clock: SandboxClock) {
    this.#tokens = tokens
    this.#clock = clock
  }

  authenticate(authorization: string | undefined) {
    const token = bearerToken(authorization)
    if (token === null) {
      return { ok: false as const, failure: invalidToken }
    }

    const record = this.#tokens.findAccessToken(token)
    if (record === undefined || record.expiresAt <= this.#clock.now()) {
      return { ok: false as const, failure: invalidToken }
    }
    return { ok: true as const, grant: record.grant }
  }
}

function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
  return match?.[1] ?? null
}

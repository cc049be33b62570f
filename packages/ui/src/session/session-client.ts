import type { SsoUserContext } from '@hoopkit/core'
import { UiError } from '../sso/ui-error.js'

/** The user and tenant of a session, as `POST /sso/session` returns them. */
export type SessionContext = SsoUserContext

export interface SessionClientOptions {
  /** Returns the encrypted SSO payload, from the frame or Custom JS. */
  getPayload: () => Promise<string>
  /** The backend's origin. @default '' (the page's own origin) */
  baseUrl?: string
  /** Renews the token this long before it expires, in ms. @default 60000 */
  renewBeforeMs?: number
  /** @default globalThis.fetch */
  fetch?: typeof fetch
}

interface HeldSession {
  token: string
  expiresAt: number
  context: SessionContext
}

/**
 * Holds the session token in memory, never in a cookie or storage, since
 * browsers drop third-party cookies in frames. The first call runs the SSO
 * exchange, and later calls reuse the token until it nears expiry.
 */
export class SessionClient {
  readonly #options: SessionClientOptions
  #payload: string | null = null
  #held: HeldSession | null = null
  #pending: Promise<HeldSession> | null = null

  constructor(options: SessionClientOptions) {
    this.#options = options
  }

  /** Returns a valid token, exchanging the SSO payload when needed. */
  async token(): Promise<string> {
    return (await this.#session()).token
  }

  /** Returns the user and tenant of the session. */
  async context(): Promise<SessionContext> {
    return (await this.#session()).context
  }

  /** Drops the token, so the next call runs the exchange again. */
  invalidate(): void {
    this.#held = null
  }

  #session(): Promise<HeldSession> {
    const renewBeforeMs = this.#options.renewBeforeMs ?? 60_000
    if (this.#held && this.#held.expiresAt - Date.now() > renewBeforeMs) {
      return Promise.resolve(this.#held)
    }
    // Concurrent callers share one exchange.
    this.#pending ??= this.#exchange().finally(() => {
      this.#pending = null
    })
    return this.#pending
  }

  async #exchange(): Promise<HeldSession> {
    this.#payload ??= await this.#options.getPayload()
    let response = await this.#post(this.#payload)
    if (response.status === 401) {
      // The platform may have rotated the payload: ask for a fresh one once.
      this.#payload = await this.#options.getPayload()
      response = await this.#post(this.#payload)
    }

    const body = (await response.json().catch(() => ({}))) as {
      token?: string
      expiresAt?: number
      context?: SessionContext
      error?: { code?: string; message?: string }
    }
    if (!response.ok || !body.token || !body.context || !body.expiresAt) {
      throw new UiError(
        'SSO_EXCHANGE_FAILED',
        body.error?.message ??
          `sso: the backend rejected the SSO exchange with HTTP ${response.status}`,
        { status: response.status },
      )
    }

    this.#held = {
      token: body.token,
      expiresAt: body.expiresAt,
      context: body.context,
    }
    return this.#held
  }

  #post(payload: string): Promise<Response> {
    const send = this.#options.fetch ?? globalThis.fetch
    return send(`${this.#options.baseUrl ?? ''}/sso/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payload }),
      credentials: 'omit',
      redirect: 'error',
    })
  }
}

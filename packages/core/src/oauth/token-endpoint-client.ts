import type { UserType } from '../db/install-tables.js'
import {
  defaultOauthTimeoutMs,
  type OauthClientConfig,
} from './oauth-client-config.js'
import { classifyOauthFailure, type OauthFailure } from './oauth-failure.js'
import { sendOauthRequest } from './oauth-http.js'
import { type TokenGrant, tokenGrantSchema } from './token-grant.js'

/** A token reply, or the reason the request failed. */
export type TokenEndpointResult =
  | { ok: true; grant: TokenGrant }
  | { ok: false; failure: OauthFailure }

/**
 * Calls `POST {api}/oauth/token`. Every request is form-encoded with an
 * explicit `grant_type` and no `Version` header, because the endpoint
 * rejects JSON bodies and a missing grant type with 422.
 */
export class TokenEndpointClient {
  readonly #config: Readonly<OauthClientConfig>

  constructor(config: OauthClientConfig) {
    this.#config = Object.freeze({ ...config })
  }

  /** Exchanges an authorization code from the install callback. */
  exchangeCode(code: string): Promise<TokenEndpointResult> {
    const form: Record<string, string> = {
      client_id: this.#config.clientId,
      client_secret: this.#config.clientSecret,
      grant_type: 'authorization_code',
      code,
    }
    if (this.#config.redirectUri) {
      form['redirect_uri'] = this.#config.redirectUri
    }
    if (this.#config.userType) {
      form['user_type'] = this.#config.userType
    }
    return this.#post(form)
  }

  /**
   * Trades a refresh token for a new pair. `user_type` is always sent,
   * because the platform may require it on refresh.
   */
  refresh(
    refreshToken: string,
    userType: UserType,
  ): Promise<TokenEndpointResult> {
    const form: Record<string, string> = {
      client_id: this.#config.clientId,
      client_secret: this.#config.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      user_type: userType,
    }
    if (this.#config.redirectUri) {
      form['redirect_uri'] = this.#config.redirectUri
    }
    return this.#post(form)
  }

  async #post(form: Record<string, string>): Promise<TokenEndpointResult> {
    const result = await sendOauthRequest({
      url: new URL('/oauth/token', this.#config.apiUrl),
      method: 'POST',
      form,
      timeoutMs: this.#config.timeoutMs ?? defaultOauthTimeoutMs,
    })
    if (!result.ok) {
      const message = `token request failed: ${result.reason}`
      return {
        ok: false,
        failure: { kind: 'unavailable', status: null, message },
      }
    }
    return parseTokenReply(result.status, result.body)
  }
}

/** Reads a token reply of `/oauth/token` or `/oauth/locationToken`. */
export function parseTokenReply(
  status: number,
  body: unknown,
): TokenEndpointResult {
  if (status < 200 || status >= 300) {
    return { ok: false, failure: classifyOauthFailure(status, body) }
  }

  const parsed = tokenGrantSchema.safeParse(body)
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.'))
    const message = `token reply is invalid: check fields ${fields.join(', ')}`
    return { ok: false, failure: { kind: 'unavailable', status, message } }
  }
  return { ok: true, grant: parsed.data }
}

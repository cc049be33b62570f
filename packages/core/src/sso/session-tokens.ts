import { hkdfSync } from 'node:crypto'
import { errors, jwtVerify, SignJWT } from 'jose'
import { z } from 'zod'
import { HoopkitError } from '../errors/hoopkit-error.js'
import type { SsoUserContext } from './sso-user-context.js'

const issuer = 'hoopkit'
const audience = 'hoopkit-ui'
const algorithm = 'HS256'

/** The tenant and user that one session token is bound to. */
export interface AppSession {
  kind: 'location' | 'agency'
  userId: string
  companyId: string | null
  /** `null` for a company-level session, opened from an agency view. */
  locationId: string | null
  role: 'admin' | 'user'
  /** Epoch milliseconds. */
  expiresAt: number
}

export type SessionVerifyResult =
  | { ok: true; session: AppSession }
  | { ok: false; reason: 'missing' | 'expired' | 'invalid'; message: string }

export interface SessionTokensOptions {
  /** The HS256 signing key: 32 or more secret bytes of this app. */
  key: Uint8Array
  /** Lifetime of a token. @default 900 (15 minutes) */
  ttlSeconds?: number
  /** The clock, in epoch milliseconds. @default Date.now */
  now?: () => number
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  kind: z.enum(['location', 'agency']),
  cid: z.string().nullable(),
  lid: z.string().nullable(),
  role: z.enum(['admin', 'user']),
  exp: z.number(),
})

/**
 * Issues and verifies the short-lived HS256 tokens that the custom page and
 * the widgets send as `Authorization: Bearer`, in place of cookies that
 * browsers drop inside cross-site frames.
 */
export class SessionTokens {
  readonly #key: Uint8Array
  readonly #ttlSeconds: number
  readonly #now: () => number

  constructor(options: SessionTokensOptions) {
    if (options.key.length < 32) {
      throw new HoopkitError(
        'CONFIG_INVALID',
        `session tokens: expected a key of at least 32 bytes, got ` +
          `${options.key.length}`,
      )
    }
    this.#key = options.key
    this.#ttlSeconds = options.ttlSeconds ?? 900
    this.#now = options.now ?? Date.now
  }

  /** Derives the signing key from HOOPKIT_SECRET_KEY (base64, 32 bytes). */
  static deriveKey(secretKeyBase64: string): Uint8Array {
    const secret = Buffer.from(secretKeyBase64, 'base64')
    const info = 'hoopkit session tokens v1'
    return new Uint8Array(hkdfSync('sha256', secret, '', info, 32))
  }

  async issue(
    context: SsoUserContext,
  ): Promise<{ token: string; session: AppSession }> {
    const issuedAt = Math.floor(this.#now() / 1000)
    const expiresAtSeconds = issuedAt + this.#ttlSeconds
    const token = await new SignJWT({
      kind: context.kind,
      cid: context.companyId,
      lid: context.locationId,
      role: context.role,
    })
      .setProtectedHeader({ alg: algorithm })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(context.userId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAtSeconds)
      .sign(this.#key)

    const session: AppSession = {
      kind: context.kind,
      userId: context.userId,
      companyId: context.companyId,
      locationId: context.locationId,
      role: context.role,
      expiresAt: expiresAtSeconds * 1000,
    }
    return { token, session }
  }

  /** Verifies a token or an `Authorization` header value. */
  async verify(value: string | undefined): Promise<SessionVerifyResult> {
    const token = value?.replace(/^Bearer\s+/i, '').trim()
    if (!token) {
      return {
        ok: false,
        reason: 'missing',
        message:
          'session: expected `Authorization: Bearer <token>`, got no ' +
          'token: exchange the SSO payload at POST /sso/session first',
      }
    }

    try {
      const { payload } = await jwtVerify(token, this.#key, {
        algorithms: [algorithm],
        issuer,
        audience,
        currentDate: new Date(this.#now()),
      })
      return { ok: true, session: toSession(claimsSchema.parse(payload)) }
    } catch (error) {
      return verifyFailure(error)
    }
  }
}

function toSession(claims: z.infer<typeof claimsSchema>): AppSession {
  return {
    kind: claims.kind,
    userId: claims.sub,
    companyId: claims.cid,
    locationId: claims.lid,
    role: claims.role,
    expiresAt: claims.exp * 1000,
  }
}

function verifyFailure(error: unknown): SessionVerifyResult {
  if (error instanceof errors.JWTExpired) {
    return {
      ok: false,
      reason: 'expired',
      message:
        'session: the token has expired: run the SSO exchange again to ' +
        'get a new one',
    }
  }
  return {
    ok: false,
    reason: 'invalid',
    message:
      'session: the token is invalid (bad signature, claims or format): ' +
      'run the SSO exchange again to get a new one',
  }
}

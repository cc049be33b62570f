import { randomUUID } from 'node:crypto'
import type { PlatformBehaviour } from '../platform-behaviour.js'
import type { AccessGrant } from '../sandbox-auth.js'
import type { SandboxClock } from '../sandbox-clock.js'
import type { TokenSigner } from './token-signer.js'
import type { TokenDetails, TokenStore } from './token-store.js'

/** The fields of a token response that every grant type returns. */
export interface IssuedTokens {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
  refresh_token: string
  refreshTokenId: string
  scope: string
}

export interface TokenIssuerOptions {
  store: TokenStore
  signer: TokenSigner
  clock: SandboxClock
  behaviour: PlatformBehaviour
}

/**
 * Signs a new access and refresh token for a grant and records both in the
 * token store. Lifetimes are platform seconds, shortened by the clock's
 * time scale, and `expires_in` reports the shortened lifetime so an app
 * that refreshes ahead of expiry gets the real deadline.
 */
export class TokenIssuer {
  readonly #options: TokenIssuerOptions

  constructor(options: TokenIssuerOptions) {
    this.#options = options
  }

  async issue(
    grant: AccessGrant,
    details: TokenDetails,
    lifetimeSeconds: number,
  ): Promise<IssuedTokens> {
    const { store, signer, clock, behaviour } = this.#options
    const now = clock.now()
    const accessExpiresAt = now + clock.scaled(lifetimeSeconds * 1000)
    const refreshExpiresAt =
      now + clock.scaled(behaviour.refreshTokenLifetimeSeconds * 1000)

    const accessToken = await signer.sign(grant, 'access', accessExpiresAt)
    const refreshToken = await signer.sign(grant, 'refresh', refreshExpiresAt)
    store.addAccessToken({
      token: accessToken,
      grant,
      expiresAt: accessExpiresAt,
    })
    store.addRefreshToken({
      token: refreshToken,
      grant,
      details,
      expiresAt: refreshExpiresAt,
      usedAt: null,
    })

    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: Math.max(1, Math.round((accessExpiresAt - now) / 1000)),
      refresh_token: refreshToken,
      refreshTokenId: randomUUID().replaceAll('-', '').slice(0, 24),
      scope: grant.scopes.join(' '),
    }
  }
}

/**
 * Builds the body of a `POST /oauth/token` success: the issued tokens plus
 * the install facts, in the platform's field names.
 */
export function tokenResponseBody(
  tokens: IssuedTokens,
  grant: AccessGrant,
  details: TokenDetails,
  behaviour: PlatformBehaviour,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ...tokens,
    userType: grant.userType,
    companyId: grant.companyId,
  }
  if (grant.userType === 'Location') {
    body['locationId'] = grant.locationId
  }
  body['userId'] = grant.userId
  if (details.planId !== null) {
    body['planId'] = details.planId
  }
  body['isBulkInstallation'] = details.isBulkInstallation

  if (grant.userType === 'Company') {
    body['installToFutureLocations'] = details.installToFutureLocations
    body['approveAllLocations'] = details.approveAllLocations
    if (behaviour.sendApprovedLocations && details.isBulkInstallation) {
      body['approvedLocations'] = details.approvedLocations
    }
  }
  body['traceId'] = randomUUID()
  return body
}

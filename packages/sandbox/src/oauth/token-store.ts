import type { AccessGrant } from '../sandbox-auth.js'

/** An access token the sandbox issued, with its expiry in clock time. */
export interface AccessTokenRecord {
  token: string
  grant: AccessGrant
  /** Epoch milliseconds on the sandbox clock. */
  expiresAt: number
}

/** The install facts that every token response for a grant repeats. */
export interface TokenDetails {
  versionId: string
  /** The plan of a paid app, or `null` for a free one. */
  planId: string | null
  isBulkInstallation: boolean
  approveAllLocations: boolean
  installToFutureLocations: boolean
  /** The sub-accounts chosen in a bulk install. */
  approvedLocations: string[]
}

/** A refresh token the sandbox issued. Each one can be used once. */
export interface RefreshTokenRecord {
  token: string
  grant: AccessGrant
  details: TokenDetails
  /** Epoch milliseconds on the sandbox clock. */
  expiresAt: number
  /** When the token was redeemed, or `null` while it is unused. */
  usedAt: number | null
}

/** The records of a `TokenStore`, as plain data for a JSON file. */
export interface TokenStoreSnapshot {
  accessTokens: AccessTokenRecord[]
  refreshTokens: RefreshTokenRecord[]
}

/**
 * The access and refresh tokens that the sandbox issued. A token that is
 * not in the store is invalid, so revoking a token deletes it.
 */
export class TokenStore {
  readonly #accessTokens = new Map<string, AccessTokenRecord>()
  readonly #refreshTokens = new Map<string, RefreshTokenRecord>()

  addAccessToken(record: AccessTokenRecord): void {
    this.#accessTokens.set(record.token, record)
  }

  addRefreshToken(record: RefreshTokenRecord): void {
    this.#refreshTokens.set(record.token, record)
  }

  findAccessToken(token: string): AccessTokenRecord | undefined {
    return this.#accessTokens.get(token)
  }

  findRefreshToken(token: string): RefreshTokenRecord | undefined {
    return this.#refreshTokens.get(token)
  }

  /** Lists the live access tokens of an app, oldest first. */
  accessTokensOf(appId: string): AccessTokenRecord[] {
    return [...this.#accessTokens.values()].filter(
      (record) => record.grant.appId === appId,
    )
  }

  /**
   * Deletes every token of one app that was issued for a resource: for a
   * location, its Location tokens; for a company, its Company tokens.
   * Returns how many access and refresh tokens were deleted.
   */
  revokeResource(appId: string, resourceId: string): number {
    let count = 0
    for (const map of [this.#accessTokens, this.#refreshTokens]) {
      for (const [token, record] of map) {
        if (
          record.grant.appId === appId &&
          resourceIdOf(record.grant) === resourceId
        ) {
          map.delete(token)
          count += 1
        }
      }
    }
    return count
  }

  snapshot(): TokenStoreSnapshot {
    return {
      accessTokens: [...this.#accessTokens.values()],
      refreshTokens: [...this.#refreshTokens.values()],
    }
  }

  restore(snapshot: TokenStoreSnapshot): void {
    this.#accessTokens.clear()
    this.#refreshTokens.clear()
    for (const record of snapshot.accessTokens) {
      this.addAccessToken(record)
    }
    for (const record of snapshot.refreshTokens) {
      this.addRefreshToken(record)
    }
  }
}

/** Returns the location id of a Location grant, else the company id. */
export function resourceIdOf(grant: AccessGrant): string {
  return grant.userType === 'Location' && grant.locationId !== null
    ? grant.locationId
    : grant.companyId
}

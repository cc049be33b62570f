import type { UserType } from '../db/install-tables.js'

/** The resource whose token a call needs: an agency or a sub-account. */
export interface TokenTarget {
  appId: string
  userType: UserType
  /** The company id for `Company`, the location id for `Location`. */
  resourceId: string
  /** The agency of a location, used to mint its token when none is stored. */
  companyId?: string
}

/** A usable access token and the facts the API client needs about it. */
export interface AccessToken {
  token: string
  userType: UserType
  resourceId: string
  scopes: readonly string[]
  /** Epoch milliseconds, or `null` when the platform gave no lifetime. */
  expiresAt: number | null
  /** The stored row's version, so a caller can tell a newer token apart. */
  version: number
}

/**
 * Hands the API client the right token for each call. Implementations
 * refresh before expiry, mint a location token from the company token when
 * none is stored, and let one refresh run at a time per (app, resource),
 * across processes.
 */
export interface TokenProvider {
  accessToken(target: TokenTarget): Promise<AccessToken>
  /**
   * Refreshes after the platform answered 401 to `rejected`. When the store
   * already holds a newer token, that one is returned and no refresh runs.
   */
  refreshAfterUnauthorized(
    target: TokenTarget,
    rejected: AccessToken,
  ): Promise<AccessToken>
}

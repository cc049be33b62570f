import { splitScopes } from './token-grant.js'
import type { AccessToken } from './token-provider.js'
import type { StoredToken } from './token-store.js'

/** Describes a stored row the way the API client consumes it. */
export function toAccessToken(stored: StoredToken): AccessToken {
  return {
    token: stored.accessToken,
    userType: stored.userType,
    resourceId: stored.resourceId,
    scopes: splitScopes(stored.scope),
    expiresAt: stored.expiresAt,
    version: stored.version,
  }
}

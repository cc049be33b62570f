import { HoopkitError } from '../errors/hoopkit-error.js'
import type { AccessToken, TokenTarget } from '../oauth/token-provider.js'
import type { Endpoint } from './api-endpoint.js'

/** Builds the URL where a user reinstalls the app with more scopes. */
export type ReinstallUrl = (request: {
  target: TokenTarget
  missingScopes: string[]
}) => string

/**
 * Fails before the call when the token's granted scopes lack the
 * endpoint's, since the platform would reply 401 or 403 and a refresh
 * never adds scopes.
 */
export function checkScope(
  endpoint: Endpoint,
  target: TokenTarget,
  token: AccessToken,
  reinstallUrl: ReinstallUrl | undefined,
): void {
  if (endpoint.scope === null || token.scopes.includes(endpoint.scope)) {
    return
  }

  const missingScopes = [endpoint.scope]
  const url = reinstallUrl?.({ target, missingScopes })
  const granted = token.scopes.length > 0 ? token.scopes.join(' ') : 'none'
  throw new HoopkitError(
    'SCOPE_MISSING',
    `${endpoint.id}: expected the token of ${target.resourceId} to grant ` +
      `${endpoint.scope}, got "${granted}": add the scope to the app and ` +
      (url ? `reinstall it at ${url}` : 'reinstall it'),
    {
      details: {
        endpoint: endpoint.id,
        resourceId: target.resourceId,
        missingScopes,
        reinstallUrl: url,
      },
    },
  )
}

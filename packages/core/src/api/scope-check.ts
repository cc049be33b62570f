import { HoopkitError } from '../errors/hoopkit-error.js'
import type { AccessToken, TokenTarget } from '../oauth/token-provider.js'
import type { Endpoint } from './api-endpoint.js'
import { type FailedCall, readErrorBody } from './platform-error.js'

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

/**
 * Builds the error for a platform reply that rejected the token for its
 * scope, although the stored scopes listed the endpoint's. The message
 * names the endpoint's scope and asks for a reinstall with it, because a
 * refresh never adds scopes.
 */
export function scopeRejectedError(options: {
  endpoint: Endpoint
  call: FailedCall
  target: TokenTarget
  status: number
  body: unknown
  reinstallUrl: ReinstallUrl | undefined
}): HoopkitError {
  const { endpoint, call, target, status } = options
  const missingScopes = endpoint.scope === null ? [] : [endpoint.scope]
  const url = options.reinstallUrl?.({ target, missingScopes })
  const { message, traceId } = readErrorBody(options.body)
  const scopeText =
    endpoint.scope === null ? 'the scope of this endpoint' : endpoint.scope
  const reinstall = url
    ? `reinstall the app with ${scopeText} at ${url}`
    : `reinstall the app with ${scopeText}`
  return new HoopkitError(
    'SCOPE_MISSING',
    `${endpoint.id}: the platform rejected the token of ` +
      `${target.resourceId} with ${status} "${String(message)}" from ` +
      `${call.method} ${call.path}, so the install lacks ${scopeText}: ` +
      `${reinstall}, because a token refresh never adds scopes`,
    {
      details: {
        ...call,
        status,
        platformMessage: message,
        traceId,
        missingScopes,
        reinstallUrl: url,
      },
    },
  )
}

import { HoopkitError } from '../errors/hoopkit-error.js'
import type { TokenTarget } from './token-provider.js'
import type { StoredToken } from './token-store.js'

export function checkTarget(target: TokenTarget, stored: StoredToken): void {
  if (target.userType === stored.userType) {
    return
  }
  throw new HoopkitError(
    'WRONG_TENANT_TOKEN',
    `token for ${target.resourceId}: expected a ${target.userType} token, ` +
      `got a ${stored.userType} token: pass the userType of the resource`,
    { details: { appId: target.appId, resourceId: target.resourceId } },
  )
}

export function tokenNotFound(target: TokenTarget): HoopkitError {
  const hint =
    target.userType === 'Location'
      ? 'install the app on it, or pass companyId to mint its token from ' +
        "the agency's token"
      : 'install the app on the agency'
  return new HoopkitError(
    'TOKEN_NOT_FOUND',
    `token for ${target.userType} ${target.resourceId}: expected a stored ` +
      `token, got none: ${hint}`,
    { details: { appId: target.appId, resourceId: target.resourceId } },
  )
}

export function reauthRequired(
  target: TokenTarget,
  cause?: HoopkitError,
): HoopkitError {
  return new HoopkitError(
    'REAUTH_REQUIRED',
    `token for ${target.userType} ${target.resourceId}: the platform ` +
      'rejected the refresh token, so the app must be installed on ' +
      `${target.resourceId} again`,
    {
      cause,
      details: {
        appId: target.appId,
        resourceId: target.resourceId,
        userType: target.userType,
        ...(cause?.details['traceId']
          ? { traceId: cause.details['traceId'] }
          : {}),
      },
    },
  )
}

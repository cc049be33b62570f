import type { ErrorCode } from '../errors/error-codes.js'
import { HoopkitError } from '../errors/hoopkit-error.js'
import type { OauthFailure, OauthFailureKind } from './oauth-failure.js'

/** The OAuth request that failed, and for which resource. */
export interface OauthFailureContext {
  operation:
    | 'code exchange'
    | 'token refresh'
    | 'location token'
    | 'installed locations'
  appId: string
  /** The resource the token belongs to, when one is known. */
  resourceId?: string
  userType?: string
}

const codes: Record<OauthFailureKind, ErrorCode> = {
  config_invalid: 'OAUTH_CONFIG_INVALID',
  invalid_grant: 'REAUTH_REQUIRED',
  suspended: 'LOCATION_SUSPENDED',
  unauthorized: 'TOKEN_REJECTED',
  forbidden: 'WRONG_TENANT_TOKEN',
  unavailable: 'TOKEN_REFRESH_FAILED',
}

const advice: Record<OauthFailureKind, string> = {
  config_invalid:
    'check HOOPAI_CLIENT_ID, HOOPAI_CLIENT_SECRET, HOOPAI_USER_TYPE and ' +
    'the redirect URI; retrying will not help',
  invalid_grant: 'the user must install the app on this resource again',
  suspended:
    'the location is paused or its plan lapsed; the tokens are kept and ' +
    'the refresh is retried later',
  unauthorized:
    'the platform rejected the token; the user may need to reinstall',
  forbidden: 'check that the app is installed on this resource',
  unavailable: 'the tokens are kept; retry later',
}

/**
 * Turns a classified OAuth failure into the matching HoopkitError. The
 * message names the resource and the platform's reply, never a token.
 */
export function oauthFailureError(
  failure: OauthFailure,
  context: OauthFailureContext,
): HoopkitError {
  const isExchange = context.operation === 'code exchange'
  const code = isExchange ? exchangeCode(failure) : codes[failure.kind]
  const hint = isExchange ? exchangeAdvice(code, failure) : advice[failure.kind]

  const target = context.resourceId
    ? ` for ${context.userType ?? 'resource'} ${context.resourceId}`
    : ''
  const reply = failure.status === null ? 'no reply' : `HTTP ${failure.status}`
  return new HoopkitError(
    code,
    `${context.operation}${target} failed: got ${reply} ` +
      `"${failure.message}": ${hint}`,
    {
      details: {
        appId: context.appId,
        ...(context.resourceId ? { resourceId: context.resourceId } : {}),
        reason: failure.kind,
        status: failure.status,
        platformMessage: failure.message,
        ...(failure.traceId ? { traceId: failure.traceId } : {}),
      },
    },
  )
}

function exchangeCode(failure: OauthFailure): ErrorCode {
  const kind = failure.kind
  if (/redirect.?uri/i.test(failure.message)) {
    return 'OAUTH_REDIRECT_MISMATCH'
  }
  if (kind === 'invalid_grant') {
    return 'OAUTH_CODE_INVALID'
  }
  if (kind === 'config_invalid' || kind === 'unauthorized') {
    return 'OAUTH_CONFIG_INVALID'
  }
  return 'OAUTH_EXCHANGE_FAILED'
}

function exchangeAdvice(code: ErrorCode, failure: OauthFailure): string {
  if (code === 'OAUTH_REDIRECT_MISMATCH') {
    return (
      'the redirect URI differs from the one the install started ' +
      'with; set HOOPAI_REDIRECT_URI to the registered URI and install again'
    )
  }
  if (code === 'OAUTH_CODE_INVALID') {
    return (
      'the code is unknown, expired or already used; start the ' +
      'install again from the marketplace'
    )
  }
  return advice[failure.kind]
}

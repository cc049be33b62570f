import { randomUUID } from 'node:crypto'
import type { FastifyReply } from 'fastify'
import type { PlatformBehaviour } from '../platform-behaviour.js'

/** The RFC 6749 error codes that the sandbox's OAuth errors map to. */
export type RfcErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'unauthorized_client'

/** A failed OAuth request, before it is shaped into a response body. */
export interface OAuthError {
  statusCode: 400 | 401 | 403 | 404 | 422
  /** One message, or the list that the platform's 422 bodies carry. */
  message: string | readonly string[]
  rfcError: RfcErrorCode
}

const statusNames: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  422: 'Unprocessable Entity',
}

/**
 * Shapes an OAuth error as the settings choose: the platform's
 * `{statusCode, message}` (plus `error` on 401, 403 and 422, and `traceId`
 * on 422), RFC 6749's `{error, error_description}`, or both in one body.
 */
export function oauthErrorBody(
  error: OAuthError,
  shape: PlatformBehaviour['errorBodyShape'],
): Record<string, unknown> {
  const description = Array.isArray(error.message)
    ? error.message.join('; ')
    : error.message
  const rfc = { error: error.rfcError, error_description: description }
  if (shape === 'rfc') {
    return rfc
  }

  const platform: Record<string, unknown> = {
    statusCode: error.statusCode,
    message: error.message,
  }
  const name = statusNames[error.statusCode]
  if (name !== undefined) {
    platform['error'] = name
  }
  if (error.statusCode === 422) {
    platform['traceId'] = randomUUID()
  }
  return shape === 'mixed' ? { ...platform, ...rfc } : platform
}

export function sendOAuthError(
  reply: FastifyReply,
  error: OAuthError,
  behaviour: PlatformBehaviour,
): FastifyReply {
  return reply
    .code(error.statusCode)
    .send(oauthErrorBody(error, behaviour.errorBodyShape))
}

export const oauthErrors = {
  emptyGrantType: {
    statusCode: 422,
    message: ['grant_type should not be empty'],
    rfcError: 'invalid_request',
  },
  invalidGrantType: {
    statusCode: 400,
    message: 'Invalid parameter: grantType',
    rfcError: 'unsupported_grant_type',
  },
  missingClientId: {
    statusCode: 400,
    message: 'Missing parameter: clientId',
    rfcError: 'invalid_request',
  },
  invalidClient: {
    statusCode: 401,
    message: 'Invalid client: client credentials are invalid',
    rfcError: 'invalid_client',
  },
  invalidCode: {
    statusCode: 400,
    message: 'Invalid grant: authorization code is invalid',
    rfcError: 'invalid_grant',
  },
  redirectMismatch: {
    statusCode: 400,
    message: 'Invalid grant: redirect_uri does not match',
    rfcError: 'invalid_grant',
  },
  invalidRefreshToken: {
    statusCode: 400,
    message: 'Invalid grant: refresh token is invalid',
    rfcError: 'invalid_grant',
  },
  missingUserType: {
    statusCode: 422,
    message: [
      'user_type must be one of the following values: Company, Location',
    ],
    rfcError: 'invalid_request',
  },
  userTypeMismatch: {
    statusCode: 400,
    message: 'Invalid parameter: userType',
    rfcError: 'invalid_request',
  },
  locationInactive: {
    statusCode: 400,
    message: 'Location is not active',
    rfcError: 'invalid_grant',
  },
} as const satisfies Record<string, OAuthError>

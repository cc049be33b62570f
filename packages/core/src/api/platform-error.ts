import type { ErrorCode } from '../errors/error-codes.js'
import { HoopkitError } from '../errors/hoopkit-error.js'

/**
 * Tells whether a 403 body is the platform's reply to a token of the wrong kind
 * or tenant, such as a Company token on a location route.
 */
export function isWrongTenant(body: unknown): boolean {
  const { message } = readErrorBody(body)
  return (
    typeof message === 'string' &&
    /^The token does not have access to this (location|company)/.test(message)
  )
}
;('The token does not have access to this location')

/** The call that one error is about. */
export interface FailedCall {
  endpoint: string
  method: string
  path: string
  resourceId: string
}

/** The parts of a platform error body that hoopkit reads. */
export interface PlatformErrorBody {
  /** A string, or an array of strings on a 422; kept as sent. */
  message: string | string[] | undefined
  traceId: string | undefined
}

export function readErrorBody(body: unknown): PlatformErrorBody {
  if (body === null || typeof body !== 'object') {
    return { message: undefined, traceId: undefined }
  }

  const record = body as Record<string, unknown>
  const message =
    record['message'] ?? record['error_description'] ?? record['error']
  const isMessage =
    typeof message === 'string' ||
    (Array.isArray(message) &&
      message.every((item) => typeof item === 'string'))
  const traceId = record['traceId']
  return {
    message: isMessage ? (message as string | string[]) : undefined,
    traceId: typeof traceId === 'string' ? traceId : undefined,
  }
}

/**
 * Turns a non-2xx response into a `HoopkitError` carrying the status, the
 * platform's `message` unchanged and its `traceId`. Request headers, and so
 * the token, never reach the error.
 */
export function platformError(
  call: FailedCall,
  status: number,
  body: unknown,
  code: ErrorCode,
): HoopkitError {
  const { message, traceId } = readErrorBody(body)
  const messageText = Array.isArray(message) ? message.join('; ') : message
  const trace = traceId ? ` (traceId ${traceId})` : ''
  return new HoopkitError(
    code,
    `${call.endpoint}: expected a 2xx response, got ${status}` +
      `${messageText ? ` "${messageText}"` : ''} from ${call.method} ${call.path}${trace}` +
      hintFor(status),
    {
      details: {
        ...call,
        status,
        platformMessage: message,
        traceId,
      },
    },
  )
}

function hintFor(status: number): string {
  if (status === 422 || status === 400) {
    return ': check the request fields against the endpoint'
  }
  if (status === 404) {
    return ': check the id'
  }
  if (status >= 500) {
    return ': the platform failed; try again later'
  }
  return ''
}

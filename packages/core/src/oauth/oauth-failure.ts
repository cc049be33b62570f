/**
 * The handling that a failed OAuth request needs:
 * - `config_invalid`: the app's configuration is wrong, so retrying cannot
 *   help (422 shape errors, `Missing parameter: clientId`, a bad secret).
 * - `invalid_grant`: the code or refresh token is dead, so the resource
 *   must be authorized again.
 * - `suspended`: the location is paused or its plan lapsed. Its tokens
 *   work again once it is active, so they are kept.
 * - `unauthorized`: the bearer token sent with the request was rejected.
 * - `forbidden`: the token may not act on the requested resource.
 * - `unavailable`: a timeout, a network error, a 429 or a 5xx, worth a
 *   later retry with the same tokens.
 */
export type OauthFailureKind =
  | 'config_invalid'
  | 'invalid_grant'
  | 'suspended'
  | 'unauthorized'
  | 'forbidden'
  | 'unavailable'

export interface OauthFailure {
  kind: OauthFailureKind
  /** The HTTP status, or `null` when no response arrived. */
  status: number | null
  /** The platform's message, with array messages joined by `; `. */
  message: string
  traceId?: string
}

/**
 * Classifies an error reply from the platform's OAuth endpoints. It reads
 * the platform's `{statusCode, message}` bodies, RFC 6749 bodies such as
 * `{"error":"invalid_grant"}`, and bodies that mix both.
 */
export function classifyOauthFailure(
  status: number,
  body: unknown,
): OauthFailure {
  const fields = readErrorFields(body)
  const text = `${fields.error} ${fields.message}`.toLowerCase()
  const failure = (kind: OauthFailureKind): OauthFailure => ({
    kind,
    status,
    message: fields.message || fields.error || `HTTP ${status}`,
    ...(fields.traceId ? { traceId: fields.traceId } : {}),
  })

  if (text.includes('not active')) {
    return failure('suspended')
  }
  if (fields.error === 'invalid_grant' || text.includes('invalid grant')) {
    return failure('invalid_grant')
  }
  if (status === 429 || status >= 500) {
    return failure('unavailable')
  }
  if (status === 401) {
    const client = fields.error === 'invalid_client' || text.includes('client')
    return failure(client ? 'config_invalid' : 'unauthorized')
  }
  if (status === 403) {
    return failure('forbidden')
  }
  return failure('config_invalid')
}

interface ErrorFields {
  error: string
  message: string
  traceId: string | undefined
}

function readErrorFields(body: unknown): ErrorFields {
  if (typeof body === 'string') {
    return { error: '', message: body.slice(0, 200), traceId: undefined }
  }
  if (typeof body !== 'object' || body === null) {
    return { error: '', message: '', traceId: undefined }
  }

  const record = body as Record<string, unknown>
  const message = Array.isArray(record['message'])
    ? record['message'].map(String).join('; ')
    : stringField(record['message'] ?? record['error_description'])
  return {
    error: stringField(record['error']),
    message,
    traceId: stringField(record['traceId']) || undefined,
  }
}

function stringField(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

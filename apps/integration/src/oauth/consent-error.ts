/**
 * The error that the authorization server sends to the redirect URI
 * instead of a code, as `?error=<code>&error_description=<text>` in RFC
 * 6749's error response. `access_denied` means the user declined consent.
 */
// NOTE: HighLevel's docs do not say whether its consent page redirects
// with `?error=` when the user declines, so this follows RFC 6749.
export interface ConsentError {
  error: string
  description: string | null
}

const maxErrorLength = 64
const maxDescriptionLength = 300

/**
 * Reads `error` and `error_description` from the callback's query.
 * Returns `undefined` when there is no `error`. Both values come from the
 * browser, so they are cut to a bounded length for the page and the log.
 */
export function readConsentError(
  query: Record<string, unknown>,
): ConsentError | undefined {
  const error = firstString(query['error'])
  if (error === undefined || error.trim() === '') {
    return undefined
  }

  const description = firstString(query['error_description'])?.trim()
  return {
    error: error.trim().slice(0, maxErrorLength),
    description: description
      ? description.slice(0, maxDescriptionLength)
      : null,
  }
}

/** Returns whether the user declined consent, as opposed to a failure. */
export function isConsentDenied(consentError: ConsentError): boolean {
  return consentError.error === 'access_denied'
}

/**
 * Chooses the page's HTTP status: 200 for a declined consent, which is a
 * normal outcome, 502 for the server's own failures, and 400 otherwise.
 */
export function consentErrorStatus(
  consentError: ConsentError,
): 200 | 400 | 502 {
  if (isConsentDenied(consentError)) {
    return 200
  }
  const serverSide = ['server_error', 'temporarily_unavailable']
  return serverSide.includes(consentError.error) ? 502 : 400
}

// Fastify parses a repeated parameter into an array, so take the first.
function firstString(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    return firstString(value[0])
  }
  return typeof value === 'string' ? value : undefined
}

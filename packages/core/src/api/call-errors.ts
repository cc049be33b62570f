import { HoopkitError } from '../errors/hoopkit-error.js'
import type { TokenTarget } from '../oauth/token-provider.js'
import type { Endpoint } from './api-endpoint.js'
import type { FailedCall } from './platform-error.js'
import type { BuiltRequest } from './request-builder.js'

/** Fails a call made on a scope whose token kind the endpoint rejects. */
export function assertTokenKind(endpoint: Endpoint, target: TokenTarget): void {
  if (endpoint.tokenKinds.includes(target.userType)) {
    return
  }
  const scope = endpoint.tokenKinds[0] === 'Company' ? 'company' : 'location'
  throw new HoopkitError(
    'WRONG_TENANT_TOKEN',
    `${endpoint.id}: expected a ${endpoint.tokenKinds.join(' or ')} token, ` +
      `got a ${target.userType} scope: call it on client.${scope}(id)`,
    { details: { endpoint: endpoint.id, resourceId: target.resourceId } },
  )
}

/** Parses a 2xx body with the endpoint's response schema. */
export function parseResponse<T>(
  endpoint: Endpoint<unknown, unknown, T>,
  request: BuiltRequest,
  target: TokenTarget,
  body: unknown,
): T {
  const result = endpoint.response.safeParse(body)
  if (result.success) {
    return result.data
  }

  const issues = result.error.issues.map(
    (issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`,
  )
  throw new HoopkitError(
    'API_REQUEST_FAILED',
    `${endpoint.id}: unexpected response from ${endpoint.method} ` +
      `${request.path}: ${issues.join('; ')}`,
    {
      details: { endpoint: endpoint.id, resourceId: target.resourceId, issues },
    },
  )
}

export function dailyLimitError(
  call: FailedCall,
  target: TokenTarget,
  details: { retryInMs?: number; traceId?: string } = {},
): HoopkitError {
  return new HoopkitError(
    'DAILY_LIMIT_EXCEEDED',
    `${call.endpoint}: the daily request budget of ${target.userType} ` +
      `${target.resourceId} is spent: wait for it to renew, or move bulk ` +
      'work to another day',
    { details: { ...call, status: 429, ...details } },
  )
}

export function networkError(
  call: FailedCall,
  error: unknown,
  retries: number,
): HoopkitError {
  const timedOut = (error as { name?: unknown })?.name === 'TimeoutError'
  const outcome = timedOut ? 'timed out' : `failed (${String(error)})`
  return new HoopkitError(
    timedOut ? 'API_TIMEOUT' : 'API_REQUEST_FAILED',
    `${call.endpoint}: ${call.method} ${call.path} ${outcome} after ` +
      `${retries + 1} attempt(s)` +
      (call.method === 'POST'
        ? ': the platform may have acted on it, so check before sending again'
        : ': check the network and the API URL'),
    { cause: error, details: { ...call, attempts: retries + 1 } },
  )
}

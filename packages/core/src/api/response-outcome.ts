import type { ErrorCode } from '../errors/error-codes.js'
import type { RateLimitHeaders } from '../rate-limit/rate-limit-headers.js'
import { isWrongTenant, readErrorBody } from './platform-error.js'
import type { FailureKind } from './retry-policy.js'

/** The client's next step after one platform response. */
export type ResponseOutcome =
  | { action: 'return' }
  | { action: 'refresh' }
  | {
      action: 'retry'
      failure: FailureKind
      /** `jitter` after a burst 429, `backoff` after a 5xx. */
      delay: 'jitter' | 'backoff'
      /** The code to fail with when no retry is left. */
      code: ErrorCode
    }
  | { action: 'fail'; code: ErrorCode }

/**
 * Classifies a response by status and body: success, a 401 worth one
 * refresh, a retryable 429 or 5xx, or a failure with its error code.
 */
export function responseOutcome(options: {
  status: number
  body: unknown
  rate: RateLimitHeaders
  refreshed: boolean
}): ResponseOutcome {
  const { status, body } = options
  if (status >= 200 && status < 300) {
    return { action: 'return' }
  }

  // The platform's OpenAPI files list 403 for missing permissions, and a
  // 401 with the same message is handled alike. A refresh never adds
  // scopes, so a scope rejection gets none.
  if ((status === 401 || status === 403) && isScopeRejection(body)) {
    return { action: 'fail', code: 'SCOPE_MISSING' }
  }

  if (status === 401) {
    return options.refreshed
      ? { action: 'fail', code: 'TOKEN_REJECTED' }
      : { action: 'refresh' }
  }

  if (status === 403 && isWrongTenant(body)) {
    return { action: 'fail', code: 'WRONG_TENANT_TOKEN' }
  }

  if (status === 429) {
    if (isDailyLimit(status, options.rate)) {
      return { action: 'fail', code: 'DAILY_LIMIT_EXCEEDED' }
    }
    return {
      action: 'retry',
      failure: 'unprocessed',
      delay: 'jitter',
      code: 'BURST_LIMIT_EXCEEDED',
    }
  }

  if (status >= 500) {
    return {
      action: 'retry',
      failure: 'ambiguous',
      delay: 'backoff',
      code: 'API_REQUEST_FAILED',
    }
  }
  return {
    action: 'fail',
    code: status === 422 ? 'API_VALIDATION_FAILED' : 'API_REQUEST_FAILED',
  }
}

/** Tells whether a 429's headers report the day's budget as spent. */
export function isDailyLimit(status: number, rate: RateLimitHeaders): boolean {
  return status === 429 && rate.dailyRemaining === 0
}

function isScopeRejection(body: unknown): boolean {
  const { message } = readErrorBody(body)
  return (
    typeof message === 'string' &&
    /not authorized for this scope/i.test(message)
  )
}

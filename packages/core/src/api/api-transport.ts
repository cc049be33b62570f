import { HoopkitError } from '../errors/hoopkit-error.js'
import type { Logger } from '../logging/logger.js'
import type {
  AccessToken,
  TokenProvider,
  TokenTarget,
} from '../oauth/token-provider.js'
import { parseRateLimitHeaders } from '../rate-limit/rate-limit-headers.js'
import type {
  RateLimiter,
  RequestPriority,
} from '../rate-limit/rate-limiter.js'
import type { Clock } from '../time/clock.js'
import type { Endpoint, EndpointInput } from './api-endpoint.js'
import {
  type FailedCall,
  isWrongTenant,
  platformError,
  readErrorBody,
} from './platform-error.js'
import type { ReadCache } from './read-cache.js'
import { type BuiltRequest, buildRequest } from './request-builder.js'
import type { FailureKind, RetryMode, RetryPolicy } from './retry-policy.js'
import { checkScope, type ReinstallUrl } from './scope-check.js'

/** Options for one call. */
export interface CallOptions {
  /** @default 'interactive' */
  priority?: RequestPriority
  /** @default 'auto'; see `RetryMode` */
  retry?: RetryMode
  /** Reads from and writes to the read cache, when one is set. @default true */
  cache?: boolean
  /** Per-attempt timeout in wall-clock milliseconds. @default the client's */
  timeoutMs?: number
  signal?: AbortSignal
}

export interface ApiTransportOptions {
  apiUrl: string
  tokens: TokenProvider
  limiter: RateLimiter
  retries: RetryPolicy
  clock: Clock
  logger: Logger
  timeoutMs: number
  cache: ReadCache | undefined
  reinstallUrl: ReinstallUrl | undefined
}

type Attempt =
  | { kind: 'response'; status: number; headers: Headers; body: unknown }
  | { kind: 'failure'; failure: FailureKind; error: unknown }

/**
 * Sends one endpoint call: picks the token, checks its scope, waits for the
 * rate limiter, and handles 401, 403, 429, 5xx and network failures.
 */
export class ApiTransport {
  readonly #options: ApiTransportOptions

  constructor(options: ApiTransportOptions) {
    this.#options = options
  }

  async send<TQuery, TBody, TResponse>(
    endpoint: Endpoint<TQuery, TBody, TResponse>,
    input: EndpointInput<TQuery, TBody>,
    target: TokenTarget,
    options: CallOptions = {},
  ): Promise<TResponse> {
    assertTokenKind(endpoint, target)
    const request = buildRequest(this.#options.apiUrl, endpoint, input, {
      appId: target.appId,
      resourceId: target.resourceId,
      companyId: target.companyId,
    })
    const bucket = `${target.appId}:${target.resourceId}`
    const cacheScope = `${bucket}:${endpoint.family}`
    const cacheKey = `${bucket} ${request.url.pathname}${request.url.search}`
    const cache = options.cache === false ? undefined : this.#options.cache

    if (endpoint.method === 'GET') {
      const cached = cache?.get(cacheKey, this.#options.clock.now())
      if (cached !== undefined) {
        return cached as TResponse
      }
    }

    try {
      const body = await this.#sendWithRetries(
        endpoint,
        request,
        target,
        options,
      )
      const parsed = parseResponse(endpoint, request, target, body)
      if (endpoint.method === 'GET') {
        cache?.set(cacheKey, cacheScope, parsed, this.#options.clock.now())
      }
      return parsed
    } finally {
      if (endpoint.method !== 'GET') {
        this.#options.cache?.invalidate(cacheScope)
      }
    }
  }

  async #sendWithRetries(
    endpoint: Endpoint,
    request: BuiltRequest,
    target: TokenTarget,
    options: CallOptions,
  ): Promise<unknown> {
    const { limiter, retries, tokens, logger } = this.#options
    const bucket = `${target.appId}:${target.resourceId}`
    const call: FailedCall = {
      endpoint: endpoint.id,
      method: endpoint.method,
      path: request.path,
      resourceId: target.resourceId,
    }
    const mode = options.retry ?? 'auto'
    let token = await this.#token(endpoint, target)
    let refreshed = false
    let retryCount = 0

    for (;;) {
      const decision = await limiter.acquire(bucket, {
        priority: options.priority,
        signal: options.signal,
      })
      if (!decision.ok) {
        throw dailyLimitError(call, target, decision.retryInMs)
      }

      const attempt = await this.#attempt(endpoint, request, token, options)
      await limiter.settle(bucket, decision.ticket)
      if (attempt.kind === 'failure') {
        if (
          !retries.allows({
            method: endpoint.method,
            mode,
            failure: attempt.failure,
            retries: retryCount,
          })
        ) {
          throw networkError(call, attempt.error, retryCount)
        }
        logger.warn(
          { ...call, retry: retryCount + 1, error: String(attempt.error) },
          'api request failed, retrying',
        )
        await this.#options.clock.sleep(
          retries.backoffMs(retryCount),
          options.signal,
        )
        retryCount++
        continue
      }

      const { status, headers, body } = attempt
      const rate = parseRateLimitHeaders(headers)
      const daily = status === 429 && rate.dailyRemaining === 0
      await limiter.observe(bucket, rate, status === 429 && !daily)

      if (status >= 200 && status < 300) {
        return body
      }

      if (status === 401 && isScopeRejection(body)) {
        throw platformError(call, status, body, 'SCOPE_MISSING')
      }

      if (status === 401) {
        if (refreshed) {
          throw platformError(call, status, body, 'TOKEN_REJECTED')
        }
        logger.info(
          { ...call },
          'api request got 401, refreshing the token once',
        )
        token = await tokens.refreshAfterUnauthorized(target, token)
        checkScope(endpoint, target, token, this.#options.reinstallUrl)
        refreshed = true
        continue
      }

      if (status === 403 && isWrongTenant(body)) {
        throw platformError(call, status, body, 'WRONG_TENANT_TOKEN')
      }

      if (status === 429) {
        if (daily) {
          throw dailyLimitError(
            call,
            target,
            undefined,
            readErrorBody(body).traceId,
          )
        }
        if (
          !retries.allows({
            method: endpoint.method,
            mode,
            failure: 'unprocessed',
            retries: retryCount,
          })
        ) {
          throw platformError(call, status, body, 'BURST_LIMIT_EXCEEDED')
        }
        logger.warn(
          { ...call, retry: retryCount + 1 },
          'api request got a burst 429, retrying after the window',
        )
        await this.#options.clock.sleep(retries.burstJitterMs(), options.signal)
        retryCount++
        continue
      }

      if (
        status >= 500 &&
        retries.allows({
          method: endpoint.method,
          mode,
          failure: 'ambiguous',
          retries: retryCount,
        })
      ) {
        logger.warn(
          { ...call, status, retry: retryCount + 1 },
          'api request got a 5xx, retrying',
        )
        await this.#options.clock.sleep(
          retries.backoffMs(retryCount),
          options.signal,
        )
        retryCount++
        continue
      }

      throw platformError(call, status, body)
    }
  }

  async #token(endpoint: Endpoint, target: TokenTarget): Promise<AccessToken> {
    const token = await this.#options.tokens.accessToken(target)
    if (
      token.userType !== target.userType ||
      token.resourceId !== target.resourceId
    ) {
      throw new HoopkitError(
        'WRONG_TENANT_TOKEN',
        `${endpoint.id}: expected a ${target.userType} token for ` +
          `${target.resourceId}, got a ${token.userType} token for ` +
          `${token.resourceId}: check the token provider`,
        { details: { endpoint: endpoint.id, resourceId: target.resourceId } },
      )
    }
    checkScope(endpoint, target, token, this.#options.reinstallUrl)
    return token
  }

  async #attempt(
    endpoint: Endpoint,
    request: BuiltRequest,
    token: AccessToken,
    options: CallOptions,
  ): Promise<Attempt> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token.token}`,
      Accept: 'application/json',
    }
    if (endpoint.version !== null) {
      headers['Version'] = endpoint.version
    }
    if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json'
    }

    const timeout = AbortSignal.timeout(
      options.timeoutMs ?? this.#options.timeoutMs,
    )
    const signal = options.signal
      ? AbortSignal.any([timeout, options.signal])
      : timeout
    try {
      const response = await fetch(request.url, {
        method: endpoint.method,
        headers,
        body: request.body,
        signal,
      })
      const text = await response.text()
      return {
        kind: 'response',
        status: response.status,
        headers: response.headers,
        body: parseJson(text),
      }
    } catch (error) {
      if (options.signal?.aborted) {
        throw options.signal.reason
      }
      return { kind: 'failure', failure: failureKind(error), error }
    }
  }
}

// A refresh never adds scopes, so this 401 gets no refresh.
function isScopeRejection(body: unknown): boolean {
  const { message } = readErrorBody(body)
  return (
    typeof message === 'string' &&
    /not authorized for this scope/i.test(message)
  )
}

function assertTokenKind(endpoint: Endpoint, target: TokenTarget): void {
  if (!endpoint.tokenKinds.includes(target.userType)) {
    throw new HoopkitError(
      'WRONG_TENANT_TOKEN',
      `${endpoint.id}: expected a ${endpoint.tokenKinds.join(' or ')} token, ` +
        `got a ${target.userType} scope: call it on client.` +
        `${endpoint.tokenKinds[0] === 'Company' ? 'company' : 'location'}(id)`,
      { details: { endpoint: endpoint.id, resourceId: target.resourceId } },
    )
  }
}

// A refused connection never reached the platform; anything else after the
// request left may have been acted on.
function failureKind(error: unknown): FailureKind {
  const code = (error as { cause?: { code?: unknown } })?.cause?.code
  return code === 'ECONNREFUSED' ? 'unprocessed' : 'ambiguous'
}

function parseJson(text: string): unknown {
  if (text.trim() === '') {
    return {}
  }
  try {
    return JSON.parse(text)
  } catch {
    return { message: text.slice(0, 500) }
  }
}

function parseResponse<T>(
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

function dailyLimitError(
  call: FailedCall,
  target: TokenTarget,
  retryInMs?: number,
  traceId?: string,
): HoopkitError {
  return new HoopkitError(
    'DAILY_LIMIT_EXCEEDED',
    `${call.endpoint}: the daily request budget of ${target.userType} ` +
      `${target.resourceId} is spent: wait for it to renew, or move bulk ` +
      'work to another day',
    { details: { ...call, status: 429, retryInMs, traceId } },
  )
}

function networkError(
  call: FailedCall,
  error: unknown,
  retries: number,
): HoopkitError {
  const timedOut = (error as { name?: unknown })?.name === 'TimeoutError'
  const what = timedOut ? 'timed out' : `failed (${String(error)})`
  return new HoopkitError(
    timedOut ? 'API_TIMEOUT' : 'API_REQUEST_FAILED',
    `${call.endpoint}: ${call.method} ${call.path} ${what} after ` +
      `${retries + 1} attempt(s)` +
      (call.method === 'POST'
        ? ': the platform may have acted on it, so check before sending again'
        : ': check the network and the API URL'),
    { cause: error, details: { ...call, attempts: retries + 1 } },
  )
}

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
  assertTokenKind,
  dailyLimitError,
  networkError,
  parseResponse,
} from './call-errors.js'
import { sendAttempt } from './http-attempt.js'
import {
  type FailedCall,
  platformError,
  readErrorBody,
} from './platform-error.js'
import type { ReadCache } from './read-cache.js'
import { type BuiltRequest, buildRequest } from './request-builder.js'
import { isDailyLimit, responseOutcome } from './response-outcome.js'
import type { FailureKind, RetryMode, RetryPolicy } from './retry-policy.js'
import {
  checkScope,
  type ReinstallUrl,
  scopeRejectedError,
} from './scope-check.js'

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
    const { limiter, tokens, logger } = this.#options
    const bucket = `${target.appId}:${target.resourceId}`
    const call: FailedCall = {
      endpoint: endpoint.id,
      method: endpoint.method,
      path: request.path,
      resourceId: target.resourceId,
    }
    let token = await this.#token(endpoint, target)
    let refreshed = false
    let retries = 0

    for (;;) {
      const decision = await limiter.acquire(bucket, {
        priority: options.priority,
        signal: options.signal,
      })
      if (!decision.ok) {
        throw dailyLimitError(call, target, { retryInMs: decision.retryInMs })
      }

      // The request's window counts from its response headers, the first
      // moment the platform has surely counted it.
      let settled = false
      const settle = async () => {
        if (!settled) {
          settled = true
          await limiter.settle(bucket, decision.ticket)
        }
      }
      const attempt = await sendAttempt({
        endpoint,
        request,
        token,
        timeoutMs: options.timeoutMs ?? this.#options.timeoutMs,
        signal: options.signal,
        onHeaders: settle,
      }).finally(settle)

      if (attempt.kind === 'failure') {
        if (!this.#mayRetry(endpoint, options, attempt.failure, retries)) {
          throw networkError(call, attempt.error, retries)
        }
        logger.warn(
          { ...call, retry: retries + 1, error: String(attempt.error) },
          'api request failed, retrying',
        )
        await this.#pause('backoff', retries, options)
        retries++
        continue
      }

      const { status, body } = attempt
      const rate = parseRateLimitHeaders(attempt.headers)
      const burst429 = status === 429 && !isDailyLimit(status, rate)
      await limiter.observe(bucket, rate, burst429, decision.sentAt)

      const outcome = responseOutcome({ status, body, rate, refreshed })
      if (outcome.action === 'return') {
        return body
      }

      if (outcome.action === 'refresh') {
        logger.info(
          { ...call },
          'api request got 401, refreshing the token once',
        )
        token = await tokens.refreshAfterUnauthorized(target, token)
        checkScope(endpoint, target, token, this.#options.reinstallUrl)
        refreshed = true
        continue
      }

      if (outcome.action === 'fail') {
        if (outcome.code === 'DAILY_LIMIT_EXCEEDED') {
          const { traceId } = readErrorBody(body)
          throw dailyLimitError(call, target, { traceId })
        }
        if (outcome.code === 'SCOPE_MISSING') {
          throw scopeRejectedError({
            endpoint,
            call,
            target,
            status,
            body,
            reinstallUrl: this.#options.reinstallUrl,
          })
        }
        throw platformError(call, status, body, outcome.code)
      }

      if (!this.#mayRetry(endpoint, options, outcome.failure, retries)) {
        throw platformError(call, status, body, outcome.code)
      }
      logger.warn(
        { ...call, status, retry: retries + 1 },
        'api request got a retryable status, retrying',
      )
      await this.#pause(outcome.delay, retries, options)
      retries++
    }
  }

  #mayRetry(
    endpoint: Endpoint,
    options: CallOptions,
    failure: FailureKind,
    retries: number,
  ): boolean {
    return this.#options.retries.allows({
      method: endpoint.method,
      mode: options.retry ?? 'auto',
      failure,
      retries,
    })
  }

  // After a burst 429 the limiter already waits out the window, so only
  // the jitter is added here.
  #pause(
    delay: 'jitter' | 'backoff',
    retries: number,
    options: CallOptions,
  ): Promise<void> {
    const policy = this.#options.retries
    const ms =
      delay === 'jitter' ? policy.burstJitterMs() : policy.backoffMs(retries)
    return this.#options.clock.sleep(ms, options.signal)
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
}

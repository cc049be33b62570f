import type { HttpMethod } from './api-endpoint.js'

/**
 * When a request may be sent again after a failure. `auto` retries
 * idempotent methods (GET, PUT, DELETE) after any retryable failure and a
 * POST only when the platform cannot have acted on it (a 429, or a refused
 * connection). `always` retries a POST after a timeout, a dropped connection
 * or a 5xx too, which can run it twice. `never` sends once.
 */
export type RetryMode = 'auto' | 'always' | 'never'

export interface RetryPolicyOptions {
  /** Retries after the first request. @default 3 */
  maxRetries?: number
  /** The first backoff delay in milliseconds; each retry doubles it. @default 500 */
  baseDelayMs?: number
  /** The maximum backoff delay in milliseconds. @default 10_000 */
  maxDelayMs?: number
  /**
   * The maximum random delay added after a burst 429, in milliseconds, so
   * the processes that hit one limit do not all retry at once. @default 1_000
   */
  burstJitterMs?: number
}

/** The kind of failure of one attempt, as far as retrying goes. */
export type FailureKind =
  /** The platform did not act on it: 429, or a connection never made. */
  | 'unprocessed'
  /** The platform may have acted on it: timeout, dropped connection, 5xx. */
  | 'ambiguous'

export class RetryPolicy {
  readonly maxRetries: number
  readonly #baseDelayMs: number
  readonly #maxDelayMs: number
  readonly #burstJitterMs: number
  readonly #random: () => number

  constructor(options: RetryPolicyOptions = {}, random = Math.random) {
    this.maxRetries = options.maxRetries ?? 3
    this.#baseDelayMs = options.baseDelayMs ?? 500
    this.#maxDelayMs = options.maxDelayMs ?? 10_000
    this.#burstJitterMs = options.burstJitterMs ?? 1_000
    this.#random = random
  }

  /** Whether attempt number `retries + 1` may follow this failure. */
  allows(options: {
    method: HttpMethod
    mode: RetryMode
    failure: FailureKind
    retries: number
  }): boolean {
    if (options.mode === 'never' || options.retries >= this.maxRetries) {
      return false
    }
    if (options.failure === 'unprocessed' || options.mode === 'always') {
      return true
    }
    return options.method !== 'POST'
  }

  /** Exponential backoff with full jitter, for 5xx and network failures. */
  backoffMs(retries: number): number {
    const ceiling = Math.min(this.#maxDelayMs, this.#baseDelayMs * 2 ** retries)
    return this.#random() * ceiling
  }

  /** The random delay added after a burst 429. */
  burstJitterMs(): number {
    return this.#random() * this.#burstJitterMs
  }
}

import { randomUUID } from 'node:crypto'
import { HoopkitError } from '../errors/hoopkit-error.js'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import { type Clock, systemClock } from '../time/clock.js'
import { MemoryRateLimitStore } from './memory-rate-limit-store.js'
import type { RateLimitHeaders } from './rate-limit-headers.js'
import type { BucketLimits, RateLimitStore } from './rate-limit-store.js'

/**
 * The order of waiting requests when a bucket is full: `interactive` calls, made
 * while a user waits, go ahead of `bulk` work such as a sync.
 */
export type RequestPriority = 'interactive' | 'bulk'

export interface RateLimiterOptions {
  /** The store that keeps the counts. @default a new MemoryRateLimitStore */
  store?: RateLimitStore
  /** @default systemClock */
  clock?: Clock
  /** Requests per burst window and bucket. @default 100 */
  burstMax?: number
  /** The burst window in milliseconds. @default 10_000 */
  burstWindowMs?: number
  /** Requests per daily window and bucket. @default 200_000 */
  dailyMax?: number
  /** The daily window in milliseconds. @default 86_400_000 */
  dailyWindowMs?: number
  /**
   * The fraction by which the limiter lengthens the burst window, to
   * absorb clock differences between processes and timer rounding. Network
   * delays need none, since each window counts from the response.
   * @default 0.01
   */
  safetyMargin?: number
  /**
   * Adopts the limits that the platform reports in `X-RateLimit-*`
   * headers in place of the configured ones. @default true
   */
  learnFromHeaders?: boolean
  logger?: Logger
}

/** The outcome of waiting for room in a bucket. */
export type RateLimitDecision =
  | {
      ok: true
      waitedMs: number
      /** Pass to `settle` once the response arrives. */
      ticket: string
      /** Clock milliseconds when the request was let through. */
      sentAt: number
    }
  | { ok: false; limit: 'daily'; retryInMs: number }

interface Waiter {
  priority: RequestPriority
  resolve(decision: RateLimitDecision): void
  reject(reason: unknown): void
  signal: AbortSignal | undefined
  queuedAt: number
}

/**
 * Paces requests per bucket, where a bucket is one (app, location or
 * company) pair, as the platform counts them. Each bucket has its own queue,
 * so a busy sub-account never delays another.
 */
export class RateLimiter {
  readonly #store: RateLimitStore
  readonly #clock: Clock
  readonly #defaults: BucketLimits
  readonly #margin: number
  readonly #learn: boolean
  readonly #logger: Logger
  readonly #learned = new Map<string, Partial<BucketLimits>>()
  readonly #queues = new Map<string, Waiter[]>()
  /** Ends the pump's current sleep, per bucket that has one. */
  readonly #wakers = new Map<string, () => void>()

  constructor(options: RateLimiterOptions = {}) {
    this.#store = options.store ?? new MemoryRateLimitStore()
    this.#clock = options.clock ?? systemClock
    this.#defaults = Object.freeze({
      burstMax: options.burstMax ?? 100,
      burstWindowMs: options.burstWindowMs ?? 10_000,
      dailyMax: options.dailyMax ?? 200_000,
      dailyWindowMs: options.dailyWindowMs ?? 86_400_000,
    })
    this.#margin = options.safetyMargin ?? 0.01
    this.#learn = options.learnFromHeaders ?? true
    this.#logger = options.logger ?? silentLogger
  }

  /** Returns the limits in force for a bucket: learned ones over configured ones. */
  limitsOf(bucket: string): BucketLimits {
    return { ...this.#defaults, ...this.#learned.get(bucket) }
  }

  /**
   * Waits until the bucket has room and counts one request against it. A
   * spent daily budget returns at once, since waiting for it takes hours.
   */
  acquire(
    bucket: string,
    options: { priority?: RequestPriority; signal?: AbortSignal } = {},
  ): Promise<RateLimitDecision> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        priority: options.priority ?? 'interactive',
        resolve,
        reject,
        signal: options.signal,
        queuedAt: this.#clock.now(),
      }
      options.signal?.addEventListener(
        'abort',
        () => this.#drop(bucket, waiter, options.signal?.reason),
        { once: true },
      )

      const queue = this.#queues.get(bucket)
      if (queue) {
        queue.push(waiter)
        return
      }
      this.#queues.set(bucket, [waiter])
      void this.#pump(bucket)
    })
  }

  /**
   * Counts a request's burst window from the arrival of its response,
   * which comes after the platform counted it, so network delays never make
   * two windows overlap at the platform.
   */
  async settle(bucket: string, ticket: string): Promise<void> {
    await this.#store.settle(bucket, ticket, Math.floor(this.#clock.now()))
    this.#wakers.get(bucket)?.()
  }

  /**
   * Aligns a bucket with the platform's headers. A 429 passes
   * `exhausted: true`, which marks the burst window as full. `sentAt`, the
   * request's `RateLimitDecision.sentAt`, limits the comparison to the
   * requests that the platform's count can include.
   */
  async observe(
    bucket: string,
    headers: RateLimitHeaders,
    exhausted = false,
    sentAt?: number,
  ): Promise<void> {
    if (this.#learn) {
      this.#adopt(bucket, headers)
    }

    const limits = this.limitsOf(bucket)
    const burstUsed = exhausted
      ? limits.burstMax
      : usedFrom(headers.max ?? limits.burstMax, headers.remaining)
    const dailyUsed = usedFrom(
      headers.dailyLimit ?? limits.dailyMax,
      headers.dailyRemaining,
    )
    if (burstUsed === undefined && dailyUsed === undefined) {
      return
    }

    // After a 429 the platform has room again within one interval, or at
    // its `Retry-After` when that comes sooner, so the placeholder requests
    // are dated to expire then, not a margin later.
    const storeLimits = this.#storeLimits(limits)
    const now = Math.floor(this.#clock.now())
    const freeInMs = Math.min(
      limits.burstWindowMs,
      headers.retryAfterMs ?? Number.POSITIVE_INFINITY,
    )
    const at = exhausted ? now + freeInMs - storeLimits.burstWindowMs : now
    // The platform counted this request's window at its arrival, after
    // `sentAt`, so no request recorded before `sentAt` minus a window is in
    // its count.
    const countedSince =
      sentAt === undefined ? undefined : sentAt - storeLimits.burstWindowMs
    await this.#store.raise(
      bucket,
      { burstUsed, dailyUsed, countedSince },
      storeLimits,
      at,
    )
  }

  async close(): Promise<void> {
    await this.#store.close()
  }

  async #pump(bucket: string): Promise<void> {
    const queue = this.#queues.get(bucket) ?? []
    while (queue.length > 0) {
      const waiter = nextWaiter(queue)
      try {
        const limits = this.#storeLimits(this.limitsOf(bucket))
        const now = Math.floor(this.#clock.now())
        const ticket = randomUUID()
        const result = await this.#store.acquire(bucket, limits, now, ticket)

        if (result.ok) {
          removeWaiter(queue, waiter)
          waiter.resolve({
            ok: true,
            waitedMs: now - waiter.queuedAt,
            ticket,
            sentAt: now,
          })
          continue
        }
        if (result.limit === 'daily') {
          removeWaiter(queue, waiter)
          waiter.resolve(result as RateLimitDecision)
          continue
        }

        this.#logger.debug(
          { bucket, waitMs: result.retryInMs, queued: queue.length },
          'rate limit: burst window full, waiting',
        )
        // A request in flight keeps counting until its response settles it,
        // and that settle wakes this sleep. Other processes' settles are
        // seen by polling.
        const pollMs = limits.burstWindowMs / 100
        await this.#sleepUntilWoken(bucket, Math.min(result.retryInMs, pollMs))
      } catch (error) {
        this.#logger.error(
          { bucket, error: String(error) },
          'rate limit: store failed',
        )
        removeWaiter(queue, waiter)
        waiter.reject(storeError(bucket, error))
      }
    }
    this.#queues.delete(bucket)
  }

  async #sleepUntilWoken(bucket: string, ms: number): Promise<void> {
    const controller = new AbortController()
    this.#wakers.set(bucket, () => controller.abort())
    try {
      await this.#clock.sleep(ms, controller.signal)
    } catch {
      // Woken early by a settled request.
    } finally {
      this.#wakers.delete(bucket)
    }
  }

  #drop(bucket: string, waiter: Waiter, reason: unknown): void {
    const queue = this.#queues.get(bucket)
    if (queue && removeWaiter(queue, waiter)) {
      waiter.reject(reason)
    }
  }

  #adopt(bucket: string, headers: RateLimitHeaders): void {
    const learned = { ...this.#learned.get(bucket) }
    if (headers.max) {
      learned.burstMax = headers.max
    }
    if (headers.intervalMs) {
      learned.burstWindowMs = headers.intervalMs
    }
    if (headers.dailyLimit) {
      learned.dailyMax = headers.dailyLimit
    }
    this.#learned.set(bucket, learned)
  }

  #storeLimits(limits: BucketLimits): BucketLimits {
    return {
      ...limits,
      burstWindowMs: Math.ceil(limits.burstWindowMs * (1 + this.#margin)),
    }
  }
}

function storeError(bucket: string, error: unknown): HoopkitError {
  return new HoopkitError(
    'RATE_LIMIT_STORE_UNAVAILABLE',
    `rate limit: the store failed for bucket ${bucket}: check that Redis ` +
      'or the database it uses is reachable',
    { cause: error, details: { bucket } },
  )
}

function usedFrom(
  max: number,
  remaining: number | undefined,
): number | undefined {
  return remaining === undefined ? undefined : Math.max(0, max - remaining)
}

function nextWaiter(queue: Waiter[]): Waiter {
  const interactive = queue.find((waiter) => waiter.priority === 'interactive')
  return interactive ?? (queue[0] as Waiter)
}

function removeWaiter(queue: Waiter[], waiter: Waiter): boolean {
  const index = queue.indexOf(waiter)
  if (index === -1) {
    return false
  }
  queue.splice(index, 1)
  return true
}

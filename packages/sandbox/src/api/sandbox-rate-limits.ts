import type { SandboxClock } from '../sandbox-clock.js'
import {
  defaultRateLimitSettings,
  type RateLimitSettings,
} from './rate-limit-settings.js'

const dayMs = 86_400_000

/** One API request as the rate limiter counted it. */
export interface CountedRequest {
  /** `<appId>:<locationId or companyId>`. */
  bucket: string
  method: string
  path: string
  /** Wall-clock milliseconds at arrival. */
  at: number
  /** The response status, once sent. */
  status: number | null
}

/** The outcome of counting one request. */
export interface Admission {
  ok: boolean
  /** The limit that rejected the request, or `null`. */
  limit: 'burst' | 'daily' | null
  headers: Record<string, string>
  request: CountedRequest
}

interface Bucket {
  /** Arrival times in the burst window, oldest first. */
  burst: number[]
  /** Arrival times in the daily window, oldest first. */
  daily: number[]
}

/**
 * Enforces both platform limits per (app, resource) bucket on the
 * sandbox clock, and keeps a log of every counted request for tests.
 */
export class SandboxRateLimits {
  settings: RateLimitSettings
  readonly #clock: SandboxClock
  readonly #buckets = new Map<string, Bucket>()
  readonly #log: CountedRequest[] = []
  readonly #maxLog: number

  constructor(
    clock: SandboxClock,
    settings: Partial<RateLimitSettings> = {},
    maxLog = 100_000,
  ) {
    this.#clock = clock
    this.settings = { ...defaultRateLimitSettings, ...settings }
    this.#maxLog = maxLog
  }

  /** Every counted request, oldest first. */
  get requests(): readonly CountedRequest[] {
    return this.#log
  }

  /** Returns the counted requests of one bucket. */
  requestsOf(bucket: string): CountedRequest[] {
    return this.#log.filter((request) => request.bucket === bucket)
  }

  /** Changes settings at run time, such as a smaller `burstMax`. */
  configure(settings: Partial<RateLimitSettings>): void {
    this.settings = { ...this.settings, ...settings }
  }

  /** Forgets every count and the log. */
  reset(): void {
    this.#buckets.clear()
    this.#log.length = 0
  }

  admit(bucket: string, method: string, path: string): Admission {
    const now = this.#clock.now()
    const request: CountedRequest = {
      bucket,
      method,
      path,
      at: now,
      status: null,
    }
    this.#record(request)
    if (!this.settings.enabled) {
      return { ok: true, limit: null, headers: {}, request }
    }

    const state = this.#prune(bucket, now)
    const limit = this.#exceeded(state)
    if (limit === null || this.settings.countRejected) {
      state.burst.push(now)
      state.daily.push(now)
    }

    const headers = this.#headers(state, limit)
    return { ok: limit === null, limit, headers, request }
  }

  #exceeded(state: Bucket): 'burst' | 'daily' | null {
    if (state.daily.length >= this.settings.dailyMax) {
      return 'daily'
    }
    if (state.burst.length >= this.settings.burstMax) {
      return 'burst'
    }
    return null
  }

  #headers(
    state: Bucket,
    limit: 'burst' | 'daily' | null,
  ): Record<string, string> {
    const { burstMax, burstWindowMs, dailyMax } = this.settings
    const headers: Record<string, string> = {
      'X-RateLimit-Max': String(burstMax),
      'X-RateLimit-Remaining': String(
        Math.max(0, burstMax - state.burst.length),
      ),
      'X-RateLimit-Interval-Milliseconds': String(burstWindowMs),
      'X-RateLimit-Limit-Daily': String(dailyMax),
      'X-RateLimit-Daily-Remaining': String(
        Math.max(0, dailyMax - state.daily.length),
      ),
    }
    if (limit !== null && this.settings.retryAfter) {
      headers['Retry-After'] = String(
        Math.ceil(this.#retryAfterMs(state, limit) / 1000),
      )
    }
    return headers
  }

  /** Platform milliseconds until the full window frees a request. */
  #retryAfterMs(state: Bucket, limit: 'burst' | 'daily'): number {
    const now = this.#clock.now()
    if (limit === 'burst') {
      const oldest =
        state.burst[state.burst.length - this.settings.burstMax] ?? now
      return (
        (oldest + this.#clock.scaled(this.settings.burstWindowMs) - now) *
        this.#clock.scale
      )
    }
    if (this.settings.dailyReset === 'utc-midnight') {
      return dayMs - (now % dayMs)
    }
    const oldest =
      state.daily[state.daily.length - this.settings.dailyMax] ?? now
    return (oldest + this.#clock.scaled(dayMs) - now) * this.#clock.scale
  }

  #prune(bucketName: string, now: number): Bucket {
    let bucket = this.#buckets.get(bucketName)
    if (!bucket) {
      bucket = { burst: [], daily: [] }
      this.#buckets.set(bucketName, bucket)
    }

    const burstStart = now - this.#clock.scaled(this.settings.burstWindowMs)
    dropUntil(bucket.burst, (at) => at > burstStart)

    const dailyStart =
      this.settings.dailyReset === 'utc-midnight'
        ? now - (now % dayMs) - 1
        : now - this.#clock.scaled(dayMs)
    dropUntil(bucket.daily, (at) => at > dailyStart)
    return bucket
  }

  #record(request: CountedRequest): void {
    this.#log.push(request)
    if (this.#log.length > this.#maxLog) {
      this.#log.splice(0, this.#log.length - this.#maxLog)
    }
  }
}

/** Drops entries from the front until `keep` holds for the first one. */
function dropUntil(times: number[], keep: (at: number) => boolean): void {
  const index = times.findIndex(keep)
  times.splice(0, index === -1 ? times.length : index)
}

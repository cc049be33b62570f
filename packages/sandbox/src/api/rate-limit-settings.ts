/**
 * The settings of the sandbox's per-(app, resource) rate limits.
 * Durations are platform milliseconds, which the clock's time scale
 * shortens. The defaults are the platform's documented limits and the
 * stricter reading of what its docs leave open.
 */
export interface RateLimitSettings {
  /** @default true */
  enabled: boolean
  /** Requests per burst window and bucket. @default 100 */
  burstMax: number
  /** The burst window, a sliding window. @default 10_000 */
  burstWindowMs: number
  /** Requests per day and bucket. @default 200_000 */
  dailyMax: number
  /**
   * When the daily count starts over: a rolling 24 h window, or at UTC
   * midnight. @default 'rolling'
   */
  dailyReset: 'rolling' | 'utc-midnight'
  /** Sends `Retry-After` in seconds with each 429. @default false */
  retryAfter: boolean
  /**
   * Sends the `X-RateLimit-*` headers on every response, or only on 429s.
   * @default true
   */
  headersOnEveryResponse: boolean
  /** Counts requests that got a 429 against the bucket too. @default true */
  countRejected: boolean
}

export const defaultRateLimitSettings: Readonly<RateLimitSettings> =
  Object.freeze({
    enabled: true,
    burstMax: 100,
    burstWindowMs: 10_000,
    dailyMax: 200_000,
    dailyReset: 'rolling',
    retryAfter: false,
    headersOnEveryResponse: true,
    countRejected: true,
  })

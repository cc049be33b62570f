/**
 * The limits of one bucket, in the units the platform uses. A request
 * counts against the burst window for `burstWindowMs` after it is sent, and
 * against the daily budget for `dailyWindowMs`.
 */
export interface BucketLimits {
  burstMax: number
  burstWindowMs: number
  dailyMax: number
  dailyWindowMs: number
}

/** The outcome of asking a store for room to send one request. */
export type AcquireResult =
  | { ok: true }
  | {
      ok: false
      /** The limit that is full. */
      limit: 'burst' | 'daily'
      /** Clock milliseconds until the full window frees one request. */
      retryInMs: number
    }

/** Counts that the platform reported for a bucket, from response headers. */
export interface UsedCounts {
  burstUsed?: number
  dailyUsed?: number
  /**
   * Epoch milliseconds. Every request that the platform's burst count can
   * include has a recorded time after this, so only those are compared
   * with `burstUsed`. @default the start of the current window
   */
  countedSince?: number
}

/**
 * The storage of the rate limiter's counts. Every method is atomic per
 * bucket, so processes that share one store never send more than the
 * limits between them.
 */
export interface RateLimitStore {
  /**
   * Records one request under `ticket` if both windows have room. Until it
   * is settled, the request counts as sent at `heldUntil(limits, now)`.
   */
  acquire(
    bucket: string,
    limits: BucketLimits,
    now: number,
    ticket: string,
  ): Promise<AcquireResult>
  /**
   * Dates the request recorded under `ticket` to `now`, when its response
   * arrived. The platform received it at some point before then, so a
   * window counted from the response never ends before the platform's.
   */
  settle(bucket: string, ticket: string, now: number): Promise<void>
  /**
   * Raises the bucket's counts to at least `used`, so requests that this
   * store never saw (other apps, other stores) are counted too.
   */
  raise(
    bucket: string,
    used: UsedCounts,
    limits: BucketLimits,
    now: number,
  ): Promise<void>
  close(): Promise<void>
}

/**
 * The daily budget is counted in slots of one 24th of the daily window, and
 * the current slot plus the 24 before it count, so the count never falls
 * below the true rolling-window count.
 */
export const dailySlotsPerWindow = 24

export function dailySlotMs(limits: BucketLimits): number {
  return limits.dailyWindowMs / dailySlotsPerWindow
}

/** Returns the oldest daily slot index that still counts at `now`. */
export function oldestCountedSlot(limits: BucketLimits, now: number): number {
  return Math.floor(now / dailySlotMs(limits)) - dailySlotsPerWindow
}

/**
 * Burst windows for which a request counts while it is still in flight, so
 * that a slow request is never dropped from the count before the platform
 * saw it.
 * NOTE: a request in flight longer than three windows (30 s by default)
 * stops counting then, although the platform may count it later.
 */
export const inFlightWindows = 3

/** Returns the send time recorded for a request until its response settles it. */
export function heldUntil(limits: BucketLimits, now: number): number {
  return now + inFlightWindows * limits.burstWindowMs
}

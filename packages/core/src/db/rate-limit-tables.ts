/**
 * One request counted against a bucket's burst window. Rows older than the
 * window are deleted as the bucket is used. Times are epoch milliseconds.
 */
export interface RateLimitRequestsTable {
  bucket: string
  sent_at: number
  /** The limiter's id for a sent request; `null` for a placeholder. */
  ticket: string | null
}

/** Requests per bucket in one slot of the daily window. */
export interface RateLimitDailyTable {
  bucket: string
  slot: number
  count: number
}

export interface RateLimitTables {
  rate_limit_requests: RateLimitRequestsTable
  rate_limit_daily: RateLimitDailyTable
}

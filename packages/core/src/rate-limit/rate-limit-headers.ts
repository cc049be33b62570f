/** The platform's `X-RateLimit-*` response headers, where present. */
export interface RateLimitHeaders {
  /** `X-RateLimit-Max`: requests allowed per burst window. */
  max?: number
  /** `X-RateLimit-Remaining`: requests left in the current burst window. */
  remaining?: number
  /** `X-RateLimit-Interval-Milliseconds`: the burst window. */
  intervalMs?: number
  /** `X-RateLimit-Limit-Daily`: requests allowed per day. */
  dailyLimit?: number
  /** `X-RateLimit-Daily-Remaining`: requests left today. */
  dailyRemaining?: number
  /** `Retry-After` in milliseconds, which the platform may not send. */
  retryAfterMs?: number
}

const names = {
  max: 'x-ratelimit-max',
  remaining: 'x-ratelimit-remaining',
  intervalMs: 'x-ratelimit-interval-milliseconds',
  dailyLimit: 'x-ratelimit-limit-daily',
  dailyRemaining: 'x-ratelimit-daily-remaining',
} as const

/** Reads the rate-limit headers, skipping any that are absent or not numbers. */
export function parseRateLimitHeaders(headers: Headers): RateLimitHeaders {
  const parsed: RateLimitHeaders = {}
  for (const [field, name] of Object.entries(names)) {
    const value = numberHeader(headers.get(name))
    if (value !== undefined) {
      parsed[field as keyof typeof names] = value
    }
  }

  const retryAfter = numberHeader(headers.get('retry-after'))
  if (retryAfter !== undefined) {
    parsed.retryAfterMs = retryAfter * 1000
  }
  return parsed
}

function numberHeader(value: string | null): number | undefined {
  if (value === null || value.trim() === '') {
    return undefined
  }
  const number = Number(value)
  return Number.isFinite(number) && number >= 0 ? number : undefined
}

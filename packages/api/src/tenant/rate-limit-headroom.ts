import { RateLimiter, type RateLimitHeaders } from '@hoopkit/core'

/** The headroom the platform last reported for one bucket. */
export interface BucketHeadroom {
  burstRemaining: number | null
  burstMax: number | null
  dailyRemaining: number | null
  dailyMax: number | null
  /** Epoch milliseconds of the response that carried the headers. */
  observedAt: number
}

/**
 * A rate limiter that also keeps the last `X-RateLimit-*` headers of each
 * bucket, so the install's health can show the headroom the platform
 * reported. Buckets are named `<appId>:<locationId or companyId>`.
 *
 * NOTE: the headers are kept in this process's memory, so another
 * instance, or this one after a restart, shows no headroom until its next
 * call for that tenant.
 */
export class RateLimitHeadroom extends RateLimiter {
  readonly #last = new Map<string, BucketHeadroom>()

  override async observe(
    bucket: string,
    headers: RateLimitHeaders,
    exhausted = false,
    sentAt?: number,
  ): Promise<void> {
    const previous = this.#last.get(bucket)
    this.#last.set(bucket, {
      burstRemaining: exhausted
        ? 0
        : (headers.remaining ?? previous?.burstRemaining ?? null),
      burstMax: headers.max ?? previous?.burstMax ?? null,
      dailyRemaining:
        headers.dailyRemaining ?? previous?.dailyRemaining ?? null,
      dailyMax: headers.dailyLimit ?? previous?.dailyMax ?? null,
      observedAt: Date.now(),
    })
    await super.observe(bucket, headers, exhausted, sentAt)
  }

  /** Returns the last reported headroom of a tenant, or `null` before any call. */
  headroomOf(appId: string, resourceId: string): BucketHeadroom | null {
    return this.#last.get(`${appId}:${resourceId}`) ?? null
  }
}

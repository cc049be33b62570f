import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import type { TokenProvider } from '../oauth/token-provider.js'
import { RateLimiter } from '../rate-limit/rate-limiter.js'
import { type Clock, systemClock } from '../time/clock.js'
import { ApiTransport } from './api-transport.js'
import { CompanyApi } from './company-api.js'
import { LocationApi } from './location-api.js'
import { ReadCache } from './read-cache.js'
import { RetryPolicy, type RetryPolicyOptions } from './retry-policy.js'
import type { ReinstallUrl } from './scope-check.js'
import { scopedSender } from './scoped-sender.js'

export interface ApiClientOptions {
  /** The app id: the part of the client id before the `-`. */
  appId: string
  /** The platform's API origin, such as `HOOPAI_API_URL` or a sandbox URL. */
  apiUrl: string
  /** Hands out the token for each call; see `TokenProvider`. */
  tokens: TokenProvider
  /**
   * Paces requests per (app, location or company) bucket. Pass one that
   * uses `RedisRateLimitStore` or `PostgresRateLimitStore` to share the
   * budget between processes. @default a limiter with an in-memory store
   */
  rateLimiter?: RateLimiter
  /** @default maxRetries 3, backoff from 500 ms to 10 s, jitter up to 1 s */
  retry?: RetryPolicyOptions
  /** Keeps GET responses this many milliseconds; 0 turns caching off. @default 0 */
  cacheTtlMs?: number
  /** Per-attempt request timeout in wall-clock milliseconds. @default 30_000 */
  timeoutMs?: number
  /** Builds the reinstall URL that a `SCOPE_MISSING` error carries. */
  reinstallUrl?: ReinstallUrl
  /** @default systemClock */
  clock?: Clock
  logger?: Logger
}

/**
 * A typed client for the platform's most used endpoints. Open a scope per
 * tenant: `client.location('loc_A1').contacts.list()` sends the location's
 * token, `client.company('cmp_1').customMenus.list()` the agency's.
 *
 * @example
 * const client = new ApiClient({ appId, apiUrl: env.HOOPAI_API_URL, tokens })
 * const { customFields } = await client.location(locationId).customFields.list()
 */
export class ApiClient {
  readonly #appId: string
  readonly #transport: ApiTransport
  readonly #limiter: RateLimiter
  /** Whether the client made its limiter, and so closes it. */
  readonly #ownsLimiter: boolean

  constructor(options: ApiClientOptions) {
    const clock = options.clock ?? systemClock
    this.#appId = options.appId
    this.#ownsLimiter = options.rateLimiter === undefined
    this.#limiter =
      options.rateLimiter ?? new RateLimiter({ clock, logger: options.logger })
    const ttlMs = options.cacheTtlMs ?? 0
    this.#transport = new ApiTransport({
      apiUrl: options.apiUrl,
      tokens: options.tokens,
      limiter: this.#limiter,
      retries: new RetryPolicy(options.retry),
      clock,
      logger: options.logger ?? silentLogger,
      timeoutMs: options.timeoutMs ?? 30_000,
      cache: ttlMs > 0 ? new ReadCache({ ttlMs }) : undefined,
      reinstallUrl: options.reinstallUrl,
    })
  }

  /**
   * Opens the endpoints of one sub-account. `companyId` names its agency, so a
   * token provider can mint the location token from the company token, and
   * charges can send it.
   */
  location(
    locationId: string,
    options: { companyId?: string } = {},
  ): LocationApi {
    const send = scopedSender(this.#transport, {
      appId: this.#appId,
      userType: 'Location',
      resourceId: locationId,
      companyId: options.companyId,
    })
    return new LocationApi(send)
  }

  /** Opens the endpoints of one agency. */
  company(companyId: string): CompanyApi {
    const send = scopedSender(this.#transport, {
      appId: this.#appId,
      userType: 'Company',
      resourceId: companyId,
      companyId,
    })
    return new CompanyApi(send)
  }

  /**
   * Closes the rate limiter's store, such as its Redis connection, when the
   * client made the limiter. A limiter passed in is left to its owner.
   */
  async close(): Promise<void> {
    if (this.#ownsLimiter) {
      await this.#limiter.close()
    }
  }
}

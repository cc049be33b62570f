import type { Database } from '../db/database.js'
import { MemoryRateLimitStore } from './memory-rate-limit-store.js'
import { PostgresRateLimitStore } from './postgres-rate-limit-store.js'
import type { RateLimitStore } from './rate-limit-store.js'
import { RedisRateLimitStore } from './redis-rate-limit-store.js'

export interface RateLimitStoreChoice {
  /** The app's `REDIS_URL`; when set, the counts live in Redis. */
  redisUrl?: string
  /** The app's database; a PostgreSQL one keeps the counts when Redis is unset. */
  database?: Database
}

/**
 * Picks where the rate limiter keeps its counts: Redis when a URL is set,
 * else the app's PostgreSQL database, else this process's memory. The two
 * shared stores let every process of the app draw on one budget.
 *
 * @example
 * const limiter = new RateLimiter({
 *   store: createRateLimitStore({ redisUrl: env.REDIS_URL, database }),
 * })
 */
export function createRateLimitStore(
  choice: RateLimitStoreChoice,
): RateLimitStore {
  if (choice.redisUrl) {
    return new RedisRateLimitStore({ url: choice.redisUrl })
  }
  if (choice.database?.kind === 'postgres') {
    return new PostgresRateLimitStore(choice.database)
  }
  return new MemoryRateLimitStore()
}

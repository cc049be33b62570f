import { sql, type Transaction } from 'kysely'
import type { Database } from '../db/database.js'
import type { DatabaseSchema } from '../db/schema.js'
import { HoopkitError } from '../errors/hoopkit-error.js'
import {
  type AcquireResult,
  type BucketLimits,
  dailySlotMs,
  dailySlotsPerWindow,
  heldUntil,
  oldestCountedSlot,
  type RateLimitStore,
  type UsedCounts,
} from './rate-limit-store.js'

type Tx = Transaction<DatabaseSchema>

interface BucketCounts {
  burstUsed: number
  dailyUsed: number
  oldestSlot: number | null
}

/**
 * Keeps the counts in the app's PostgreSQL database (migration
 * `0003-rate-limits`), so every process of an app draws on one budget per
 * bucket. Each decision runs in a transaction that holds an advisory lock on
 * the bucket, so concurrent processes decide one at a time.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  readonly #database: Database

  constructor(database: Database) {
    if (database.kind !== 'postgres') {
      throw new HoopkitError(
        'CONFIG_INVALID',
        `rate limit store: expected a PostgreSQL database, got ${database.kind}: ` +
          'use MemoryRateLimitStore for one process, or RedisRateLimitStore',
      )
    }
    this.#database = database
  }

  acquire(
    bucket: string,
    limits: BucketLimits,
    now: number,
    ticket: string,
  ): Promise<AcquireResult> {
    return this.#locked(bucket, async (tx) => {
      const counts = await pruneAndCount(tx, bucket, limits, now)

      if (counts.dailyUsed >= limits.dailyMax) {
        const oldest =
          counts.oldestSlot ?? Math.floor(now / dailySlotMs(limits))
        const freesAt = (oldest + dailySlotsPerWindow + 1) * dailySlotMs(limits)
        return {
          ok: false,
          limit: 'daily',
          retryInMs: Math.max(1, freesAt - now),
        }
      }

      if (counts.burstUsed >= limits.burstMax) {
        const retryInMs = await burstRetry(tx, bucket, limits, now, counts)
        return { ok: false, limit: 'burst', retryInMs }
      }

      await tx
        .insertInto('rate_limit_requests')
        .values({ bucket, sent_at: heldUntil(limits, now), ticket })
        .execute()
      await addDaily(tx, bucket, limits, now, 1)
      return { ok: true }
    })
  }

  async settle(bucket: string, ticket: string, now: number): Promise<void> {
    await this.#database.db
      .updateTable('rate_limit_requests')
      .set({ sent_at: now })
      .where('bucket', '=', bucket)
      .where('ticket', '=', ticket)
      .execute()
  }

  raise(
    bucket: string,
    used: UsedCounts,
    limits: BucketLimits,
    now: number,
  ): Promise<void> {
    return this.#locked(bucket, async (tx) => {
      // Requests that left the window since `countedSince` still explain
      // the platform's count, so they are counted before pruning.
      const since = used.countedSince ?? now - limits.burstWindowMs
      const seen = await countSince(tx, bucket, since)
      const counts = await pruneAndCount(tx, bucket, limits, now)

      const missingBurst = (used.burstUsed ?? 0) - seen
      if (missingBurst > 0) {
        await insertRequests(tx, bucket, now, missingBurst)
      }

      const missingDaily = (used.dailyUsed ?? 0) - counts.dailyUsed
      if (missingDaily > 0) {
        await addDaily(tx, bucket, limits, now, missingDaily)
      }
    })
  }

  /** Leaves the database open, since the app owns it. */
  async close(): Promise<void> {}

  #locked<T>(bucket: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.#database.db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${`rate-limit:${bucket}`}))`.execute(
        tx,
      )
      return work(tx)
    })
  }
}

async function pruneAndCount(
  tx: Tx,
  bucket: string,
  limits: BucketLimits,
  now: number,
): Promise<BucketCounts> {
  await tx
    .deleteFrom('rate_limit_requests')
    .where('bucket', '=', bucket)
    .where('sent_at', '<=', now - limits.burstWindowMs)
    .execute()
  await tx
    .deleteFrom('rate_limit_daily')
    .where('bucket', '=', bucket)
    .where('slot', '<', oldestCountedSlot(limits, now))
    .execute()

  const burst = await tx
    .selectFrom('rate_limit_requests')
    .select((eb) => eb.fn.countAll<number>().as('used'))
    .where('bucket', '=', bucket)
    .executeTakeFirstOrThrow()
  const daily = await tx
    .selectFrom('rate_limit_daily')
    .select((eb) => [
      eb.fn.sum<number>('count').as('used'),
      eb.fn.min<number>('slot').as('oldest'),
    ])
    .where('bucket', '=', bucket)
    .executeTakeFirstOrThrow()

  return {
    burstUsed: Number(burst.used),
    dailyUsed: Number(daily.used ?? 0),
    oldestSlot: daily.oldest === null ? null : Number(daily.oldest),
  }
}

async function countSince(
  tx: Tx,
  bucket: string,
  since: number,
): Promise<number> {
  const row = await tx
    .selectFrom('rate_limit_requests')
    .select((eb) => eb.fn.countAll<number>().as('seen'))
    .where('bucket', '=', bucket)
    .where('sent_at', '>', since)
    .executeTakeFirstOrThrow()
  return Number(row.seen)
}

async function burstRetry(
  tx: Tx,
  bucket: string,
  limits: BucketLimits,
  now: number,
  counts: BucketCounts,
): Promise<number> {
  const row = await tx
    .selectFrom('rate_limit_requests')
    .select('sent_at')
    .where('bucket', '=', bucket)
    .orderBy('sent_at', 'asc')
    .offset(counts.burstUsed - limits.burstMax)
    .limit(1)
    .executeTakeFirst()
  const sentAt = row ? Number(row.sent_at) : now
  return Math.max(1, sentAt + limits.burstWindowMs - now)
}

async function insertRequests(
  tx: Tx,
  bucket: string,
  now: number,
  count: number,
): Promise<void> {
  const rows = Array.from({ length: count }, () => ({
    bucket,
    sent_at: now,
    ticket: null,
  }))
  await tx.insertInto('rate_limit_requests').values(rows).execute()
}

async function addDaily(
  tx: Tx,
  bucket: string,
  limits: BucketLimits,
  now: number,
  count: number,
): Promise<void> {
  const slot = Math.floor(now / dailySlotMs(limits))
  await tx
    .insertInto('rate_limit_daily')
    .values({ bucket, slot, count })
    .onConflict((oc) =>
      oc.columns(['bucket', 'slot']).doUpdateSet({
        count: (eb) => eb('rate_limit_daily.count', '+', count),
      }),
    )
    .execute()
}

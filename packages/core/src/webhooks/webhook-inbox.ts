import type {
  Expression,
  ExpressionBuilder,
  Insertable,
  Kysely,
  Selectable,
  SqlBool,
} from 'kysely'
import type { DatabaseKind } from '../db/database.js'
import type { DatabaseSchema } from '../db/schema.js'
import type { WebhookEventsTable } from '../db/webhook-tables.js'
import { InboxWriteBatcher } from './inbox-write-batcher.js'
import type { WebhookWrite } from './webhook-handlers.js'

/** The shortest time a webhookId is kept for dedupe: 72 hours. */
export const minimumRetentionMs = 72 * 60 * 60 * 1000

export type InboxEvent = Selectable<WebhookEventsTable>

/** One verified event, as the receiver stores it. */
export interface InboxEntry {
  webhookId: string
  type: string
  appId: string | null
  companyId: string | null
  locationId: string | null
  body: string
}

/**
 * A lease that the receiving process takes on an event as it stores it, so
 * that its own worker runs the event without a claim query.
 */
export interface InboxLease {
  owner: string
  expiresAtMs: number
}

/** The result of storing one event. */
export type InsertResult =
  | { status: 'stored'; event: InboxEvent }
  | { status: 'duplicate' }

interface Completion {
  webhookId: string
  owner: string
  nowMs: number
}

export interface ClaimOptions {
  /** Identifies the claiming process, for the lease. */
  owner: string
  limit: number
  leaseMs: number
  nowMs: number
}

/**
 * The durable inbox table. Inserting is the dedupe step: the first insert of
 * a `webhookId` wins, and a later one reports a duplicate. Concurrent
 * inserts are written in batches. Several processes share the rows through
 * leases, so a crashed worker's claims expire and another worker takes them.
 */
export class WebhookInbox {
  readonly #db: Kysely<DatabaseSchema>
  readonly #kind: DatabaseKind
  readonly #inserts: InboxWriteBatcher<Insertable<WebhookEventsTable>>
  readonly #completions: InboxWriteBatcher<Completion>

  /**
   * @param kind The database engine. On PostgreSQL, claims skip the rows
   *   that another worker has locked instead of waiting for them.
   */
  constructor(db: Kysely<DatabaseSchema>, kind: DatabaseKind = 'sqlite') {
    this.#db = db
    this.#kind = kind
    this.#inserts = new InboxWriteBatcher((rows) => this.#insertRows(rows))
    this.#completions = new InboxWriteBatcher((rows) =>
      this.#completeRows(rows),
    )
  }

  async has(webhookId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('webhook_events')
      .select('webhook_id')
      .where('webhook_id', '=', webhookId)
      .executeTakeFirst()
    return row !== undefined
  }

  /**
   * Stores an event, or reports a duplicate when its id is already stored.
   * With a `lease`, the event is stored as claimed by the lease's owner.
   */
  async insert(
    entry: InboxEntry,
    nowMs: number,
    lease?: InboxLease,
  ): Promise<InsertResult> {
    const row: InboxEvent = {
      webhook_id: entry.webhookId,
      type: entry.type,
      app_id: entry.appId,
      company_id: entry.companyId,
      location_id: entry.locationId,
      body: entry.body,
      status: lease === undefined ? 'pending' : 'processing',
      attempts: lease === undefined ? 0 : 1,
      next_attempt_at: nowMs,
      lease_owner: lease?.owner ?? null,
      lease_expires_at: lease?.expiresAtMs ?? null,
      last_error: null,
      received_at: nowMs,
      processed_at: null,
    }
    const applied = await this.#inserts.write(row, entry.webhookId)
    return applied ? { status: 'stored', event: row } : { status: 'duplicate' }
  }

  async #completeRows(rows: Completion[]): Promise<Set<string>> {
    const owners = new Set(rows.map((row) => row.owner))
    for (const owner of owners) {
      const own = rows.filter((row) => row.owner === owner)
      const nowMs = Math.max(...own.map((row) => row.nowMs))
      await this.complete(
        own.map((row) => row.webhookId),
        owner,
        nowMs,
      )
    }
    return new Set(rows.map((row) => row.webhookId))
  }

  async #insertRows(
    rows: Insertable<WebhookEventsTable>[],
  ): Promise<Set<string>> {
    const inserted = await this.#db
      .insertInto('webhook_events')
      .values(rows)
      .onConflict((conflict) => conflict.column('webhook_id').doNothing())
      .returning('webhook_id')
      .execute()
    return new Set(inserted.map((row) => row.webhook_id))
  }

  /**
   * Leases up to `limit` events whose lease has expired or that are due.
   * Each lookup runs on the `(status, next_attempt_at)` index, so a claim
   * costs the same however many finished events the table keeps.
   */
  async claim(options: ClaimOptions): Promise<InboxEvent[]> {
    const expired = await this.#claimWhere(options, options.limit, (eb) =>
      eb.and([
        eb('status', '=', 'processing'),
        eb('lease_expires_at', '<', options.nowMs),
      ]),
    )
    if (expired.length >= options.limit) {
      return expired
    }

    const due = await this.#claimWhere(
      options,
      options.limit - expired.length,
      (eb) =>
        eb.and([
          eb('status', '=', 'pending'),
          eb('next_attempt_at', '<=', options.nowMs),
        ]),
    )
    return [...expired, ...due]
  }

  /**
   * Leases the rows that match `condition`. The read comes first, so an empty
   * poll takes no write lock. The condition is repeated in the update so a
   * row that another worker leased in between is skipped. PostgreSQL does
   * both in one statement and skips the rows another worker has locked.
   */
  async #claimWhere(
    options: ClaimOptions,
    limit: number,
    condition: (
      eb: ExpressionBuilder<DatabaseSchema, 'webhook_events'>,
    ) => Expression<SqlBool>,
  ): Promise<InboxEvent[]> {
    if (this.#kind === 'postgres') {
      return this.#lease(options, condition, (eb) =>
        eb(
          'webhook_id',
          'in',
          eb
            .selectFrom('webhook_events')
            .select('webhook_id')
            .where(condition)
            .orderBy('next_attempt_at')
            .limit(limit)
            .forUpdate()
            .skipLocked(),
        ),
      )
    }

    const candidates = await this.#db
      .selectFrom('webhook_events')
      .select('webhook_id')
      .where(condition)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute()
    if (candidates.length === 0) {
      return []
    }

    const ids = candidates.map((row) => row.webhook_id)
    return this.#lease(options, condition, (eb) => eb('webhook_id', 'in', ids))
  }

  /** Takes the lease on the rows that `selection` picks and still match. */
  #lease(
    options: ClaimOptions,
    condition: (
      eb: ExpressionBuilder<DatabaseSchema, 'webhook_events'>,
    ) => Expression<SqlBool>,
    selection: (
      eb: ExpressionBuilder<DatabaseSchema, 'webhook_events'>,
    ) => Expression<SqlBool>,
  ): Promise<InboxEvent[]> {
    return this.#db
      .updateTable('webhook_events')
      .set((eb) => ({
        status: 'processing',
        lease_owner: options.owner,
        lease_expires_at: options.nowMs + options.leaseMs,
        attempts: eb('attempts', '+', 1),
      }))
      .where(selection)
      .where(condition)
      .returningAll()
      .execute()
  }

  /** Marks events done, in one write, if this owner still holds their lease. */
  async complete(webhookIds: readonly string[], owner: string, nowMs: number) {
    if (webhookIds.length === 0) {
      return
    }
    await this.#db
      .updateTable('webhook_events')
      .set(doneColumns(nowMs))
      .where('webhook_id', 'in', webhookIds)
      .where('lease_owner', '=', owner)
      .execute()
  }

  /**
   * Marks one event done and commits its handlers' writes in one
   * transaction, so the writes land exactly once. Returns false, and
   * commits nothing, when this owner no longer holds the event's lease.
   */
  async completeWith(
    webhookId: string,
    owner: string,
    nowMs: number,
    writes: readonly WebhookWrite[],
  ): Promise<boolean> {
    return this.#db.transaction().execute(async (transaction) => {
      const marked = await transaction
        .updateTable('webhook_events')
        .set(doneColumns(nowMs))
        .where('webhook_id', '=', webhookId)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'processing')
        .executeTakeFirst()
      if (Number(marked.numUpdatedRows) === 0) {
        return false
      }

      for (const write of writes) {
        await write(transaction)
      }
      return true
    })
  }

  /**
   * Marks one event done with the others that finish in the same turn of
   * the event loop, in one write. A crash can lose only that turn's marks.
   */
  async completeSoon(
    webhookId: string,
    owner: string,
    nowMs: number,
  ): Promise<void> {
    await this.#completions.write({ webhookId, owner, nowMs }, webhookId)
  }

  /**
   * Gives leased events back unstarted, for another worker to claim at
   * once, without counting an attempt.
   */
  async release(webhookIds: readonly string[], owner: string): Promise<void> {
    if (webhookIds.length === 0) {
      return
    }
    await this.#db
      .updateTable('webhook_events')
      .set((eb) => ({
        status: 'pending',
        lease_owner: null,
        lease_expires_at: null,
        attempts: eb('attempts', '-', 1),
      }))
      .where('webhook_id', 'in', webhookIds)
      .where('lease_owner', '=', owner)
      .where('status', '=', 'processing')
      .execute()
  }

  /** Records a failed attempt: retried at `retryAtMs`, or dead when `null`. */
  async fail(
    webhookId: string,
    owner: string,
    failure: { error: string; retryAtMs: number | null },
  ) {
    await this.#db
      .updateTable('webhook_events')
      .set({
        status: failure.retryAtMs === null ? 'dead' : 'pending',
        next_attempt_at: failure.retryAtMs ?? 0,
        lease_owner: null,
        lease_expires_at: null,
        last_error: failure.error.slice(0, 2000),
      })
      .where('webhook_id', '=', webhookId)
      .where('lease_owner', '=', owner)
      .execute()
  }

  /** Queues a finished or dead event again, with a fresh attempt count. */
  async replay(webhookId: string, nowMs: number): Promise<boolean> {
    const result = await this.#db
      .updateTable('webhook_events')
      .set({ status: 'pending', attempts: 0, next_attempt_at: nowMs })
      .where('webhook_id', '=', webhookId)
      .where('status', 'in', ['done', 'dead'])
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  async get(webhookId: string): Promise<InboxEvent | undefined> {
    return this.#db
      .selectFrom('webhook_events')
      .selectAll()
      .where('webhook_id', '=', webhookId)
      .executeTakeFirst()
  }

  /** Lists the latest events of one location or company, newest first. */
  async recent(resourceId: string, limit: number): Promise<InboxEvent[]> {
    return this.#db
      .selectFrom('webhook_events')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('location_id', '=', resourceId),
          eb.and([
            eb('location_id', 'is', null),
            eb('company_id', '=', resourceId),
          ]),
        ]),
      )
      .orderBy('received_at', 'desc')
      .limit(limit)
      .execute()
  }

  /**
   * Deletes finished and dead events older than `retentionMs`, which is
   * raised to 72 h if lower, since the platform may redeliver an event that
   * long after it was first sent.
   */
  async purgeExpired(nowMs: number, retentionMs: number): Promise<number> {
    return this.purge(nowMs - Math.max(retentionMs, minimumRetentionMs))
  }

  /**
   * Deletes finished and dead events received before `beforeMs`. Pending
   * events are kept whatever their age, so nothing unprocessed is lost.
   */
  async purge(beforeMs: number): Promise<number> {
    const result = await this.#db
      .deleteFrom('webhook_events')
      .where('status', 'in', ['done', 'dead'])
      .where('received_at', '<', beforeMs)
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}

/** Returns the columns of an event marked done at `nowMs`, with no lease. */
function doneColumns(nowMs: number) {
  return {
    status: 'done' as const,
    processed_at: nowMs,
    lease_owner: null,
    lease_expires_at: null,
    last_error: null,
  }
}

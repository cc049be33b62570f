import type {
  Expression,
  ExpressionBuilder,
  Insertable,
  Kysely,
  Selectable,
  SqlBool,
} from 'kysely'
import type { DatabaseSchema } from '../db/schema.js'
import type { WebhookEventsTable } from '../db/webhook-tables.js'
import { InboxWriteBatcher } from './inbox-write-batcher.js'

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
  readonly #inserts: InboxWriteBatcher<Insertable<WebhookEventsTable>>
  readonly #completions: InboxWriteBatcher<Completion>

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db
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

  /** Stores an event and returns `duplicate` when its id is already stored. */
  async insert(
    entry: InboxEntry,
    nowMs: number,
  ): Promise<'stored' | 'duplicate'> {
    const row = {
      webhook_id: entry.webhookId,
      type: entry.type,
      app_id: entry.appId,
      company_id: entry.companyId,
      location_id: entry.locationId,
      body: entry.body,
      status: 'pending' as const,
      attempts: 0,
      next_attempt_at: nowMs,
      received_at: nowMs,
    }
    const applied = await this.#inserts.write(row, entry.webhookId)
    return applied ? 'stored' : 'duplicate'
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
   * row that another worker leased in between is skipped.
   */
  async #claimWhere(
    options: ClaimOptions,
    limit: number,
    condition: (
      eb: ExpressionBuilder<DatabaseSchema, 'webhook_events'>,
    ) => Expression<SqlBool>,
  ): Promise<InboxEvent[]> {
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

    return this.#db
      .updateTable('webhook_events')
      .set((eb) => ({
        status: 'processing',
        lease_owner: options.owner,
        lease_expires_at: options.nowMs + options.leaseMs,
        attempts: eb('attempts', '+', 1),
      }))
      .where(
        'webhook_id',
        'in',
        candidates.map((row) => row.webhook_id),
      )
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
      .set({
        status: 'done',
        processed_at: nowMs,
        lease_owner: null,
        lease_expires_at: null,
        last_error: null,
      })
      .where('webhook_id', 'in', webhookIds)
      .where('lease_owner', '=', owner)
      .execute()
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

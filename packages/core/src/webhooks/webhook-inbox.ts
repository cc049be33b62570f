import type { ExpressionBuilder, Kysely, Selectable } from 'kysely'
import type { DatabaseSchema } from '../db/schema.js'
import type { WebhookEventsTable } from '../db/webhook-tables.js'

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

export interface ClaimOptions {
  /** Identifies the claiming process, for the lease. */
  owner: string
  limit: number
  leaseMs: number
  nowMs: number
}

/**
 * The durable inbox table. Inserting is the dedupe step: the first insert of
 * a `webhookId` wins, and a later one reports a duplicate. Several processes
 * share the rows through leases, so a crashed worker's claims expire and
 * another worker takes them.
 */
export class WebhookInbox {
  readonly #db: Kysely<DatabaseSchema>

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db
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
    const result = await this.#db
      .insertInto('webhook_events')
      .values({
        webhook_id: entry.webhookId,
        type: entry.type,
        app_id: entry.appId,
        company_id: entry.companyId,
        location_id: entry.locationId,
        body: entry.body,
        status: 'pending',
        attempts: 0,
        next_attempt_at: nowMs,
        received_at: nowMs,
      })
      .onConflict((conflict) => conflict.column('webhook_id').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
      ? 'stored'
      : 'duplicate'
  }

  /**
   * Leases up to `limit` events that are due, or whose lease has expired.
   * The status test is repeated outside the subquery so that PostgreSQL
   * re-checks it when two workers race for one row.
   */
  async claim(options: ClaimOptions): Promise<InboxEvent[]> {
    const { owner, limit, leaseMs, nowMs } = options
    const due = this.#db
      .selectFrom('webhook_events')
      .select('webhook_id')
      .where((eb) => readyCondition(eb, nowMs))
      .orderBy('received_at')
      .limit(limit)

    return this.#db
      .updateTable('webhook_events')
      .set((eb) => ({
        status: 'processing',
        lease_owner: owner,
        lease_expires_at: nowMs + leaseMs,
        attempts: eb('attempts', '+', 1),
      }))
      .where('webhook_id', 'in', due)
      .where((eb) => readyCondition(eb, nowMs))
      .returningAll()
      .execute()
  }

  async complete(webhookId: string, owner: string, nowMs: number) {
    await this.#db
      .updateTable('webhook_events')
      .set({
        status: 'done',
        processed_at: nowMs,
        lease_owner: null,
        lease_expires_at: null,
        last_error: null,
      })
      .where('webhook_id', '=', webhookId)
      .where('lease_owner', '=', owner)
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

function readyCondition(
  eb: ExpressionBuilder<DatabaseSchema, 'webhook_events'>,
  nowMs: number,
) {
  return eb.or([
    eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowMs)]),
    eb.and([
      eb('status', '=', 'processing'),
      eb('lease_expires_at', '<', nowMs),
    ]),
  ])
}

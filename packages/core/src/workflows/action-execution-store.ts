import type { Kysely, Selectable } from 'kysely'
import type { DatabaseSchema } from '../db/schema.js'
import type {
  ActionExecutionStatus,
  ActionExecutionsTable,
} from '../db/workflow-tables.js'
import type { ActionExtras } from './action-request.js'

export type ActionExecution = Selectable<ActionExecutionsTable>

export interface ClaimOptions {
  executionKey: string
  executionId: string
  actionKey: string
  extras: ActionExtras
  status: ActionExecutionStatus
  now: number
  /** An execution older than this is a new run of the workflow. */
  windowMs: number
  /** The reply to store at once, for executions that reply before they end. */
  reply?: { status: number; body: unknown }
}

export type ClaimResult =
  | { claimed: true; execution: ActionExecution }
  | { claimed: false; execution: ActionExecution }

// A paused execution waits for its resume call however long the job takes.
const waiting: readonly ActionExecutionStatus[] = ['paused', 'resuming']

/**
 * Stores action executions, so a repeated delivery returns the first reply
 * and a paused execution is resumed once, across processes.
 */
export class ActionExecutionStore {
  readonly #db: Kysely<DatabaseSchema>

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db
  }

  /** Records a new execution, or returns the one stored under the key. */
  async claim(options: ClaimOptions): Promise<ClaimResult> {
    const row: ActionExecution = {
      execution_key: options.executionKey,
      execution_id: options.executionId,
      action_key: options.actionKey,
      location_id: options.extras.locationId,
      contact_id: options.extras.contactId ?? null,
      workflow_id: options.extras.workflowId,
      status: options.status,
      reply_status: options.reply?.status ?? null,
      reply_json: options.reply ? JSON.stringify(options.reply.body) : null,
      extras_json: JSON.stringify(options.extras),
      created_at: options.now,
      updated_at: options.now,
    }

    const inserted = await this.#db
      .insertInto('action_executions')
      .values(row)
      .onConflict((conflict) => conflict.column('execution_key').doNothing())
      .executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
      return { claimed: true, execution: row }
    }

    const existing = await this.byKey(options.executionKey)
    if (existing && this.#isStale(existing, options)) {
      const replaced = await this.#replace(existing, row)
      if (replaced) {
        return { claimed: true, execution: row }
      }
    }
    const current = existing ?? (await this.byKey(options.executionKey))
    if (!current) {
      return this.claim(options)
    }
    return { claimed: false, execution: current }
  }

  #isStale(existing: ActionExecution, options: ClaimOptions): boolean {
    return (
      !waiting.includes(existing.status) &&
      existing.created_at < options.now - options.windowMs
    )
  }

  // Compares the old id, so only one of two racing deliveries replaces it.
  async #replace(old: ActionExecution, row: ActionExecution) {
    const result = await this.#db
      .updateTable('action_executions')
      .set({ ...row, execution_key: old.execution_key })
      .where('execution_key', '=', old.execution_key)
      .where('execution_id', '=', old.execution_id)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async byKey(executionKey: string): Promise<ActionExecution | undefined> {
    return this.#db
      .selectFrom('action_executions')
      .selectAll()
      .where('execution_key', '=', executionKey)
      .executeTakeFirst()
  }

  async byId(executionId: string): Promise<ActionExecution | undefined> {
    return this.#db
      .selectFrom('action_executions')
      .selectAll()
      .where('execution_id', '=', executionId)
      .executeTakeFirst()
  }

  /** Stores the reply of an execution and its final status. */
  async finish(
    executionId: string,
    outcome: {
      status: ActionExecutionStatus
      replyStatus: number
      reply: unknown
    },
    now: number,
  ): Promise<void> {
    await this.#db
      .updateTable('action_executions')
      .set({
        status: outcome.status,
        reply_status: outcome.replyStatus,
        reply_json: JSON.stringify(outcome.reply),
        updated_at: now,
      })
      .where('execution_id', '=', executionId)
      .execute()
  }

  /** Moves an execution from one status to another; false if it was not in `from`. */
  async transition(
    executionId: string,
    from: ActionExecutionStatus,
    to: ActionExecutionStatus,
    now: number,
  ): Promise<boolean> {
    const result = await this.#db
      .updateTable('action_executions')
      .set({ status: to, updated_at: now })
      .where('execution_id', '=', executionId)
      .where('status', '=', from)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }
}

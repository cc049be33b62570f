import { createHash } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Database } from '../db/database.js'

const recordLifetimeMs = 24 * 60 * 60 * 1000

/** The outcome that a finished code exchange recorded, without any token. */
export type CodeOutcomeRecord =
  | { status: 'succeeded'; result: unknown }
  | { status: 'failed'; result: unknown }

/**
 * The record of each authorization code's exchange in `oauth_codes`, keyed
 * by the code's SHA-256, so the code itself is not stored. It makes the
 * exchange happen once per code across processes.
 */
export class OauthCodeLedger {
  readonly #database: Database
  readonly #now: () => number

  constructor(options: { database: Database; now?: () => number }) {
    this.#database = options.database
    this.#now = options.now ?? Date.now
  }

  /**
   * Returns true when this caller is the first and must do the exchange.
   * Records older than a day are deleted first, because the platform's
   * codes expire long before that.
   */
  async claim(code: string): Promise<boolean> {
    const now = this.#now()
    await this.#database.db
      .deleteFrom('oauth_codes')
      .where('created_at', '<', now - recordLifetimeMs)
      .execute()

    const row = await this.#database.db
      .insertInto('oauth_codes')
      .values({
        code_hash: hashCode(code),
        status: 'pending',
        result_json: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((conflict) => conflict.column('code_hash').doNothing())
      .returning('code_hash')
      .executeTakeFirst()
    return row !== undefined
  }

  async finish(code: string, outcome: CodeOutcomeRecord): Promise<void> {
    await this.#database.db
      .updateTable('oauth_codes')
      .set({
        status: outcome.status,
        result_json: JSON.stringify(outcome.result),
        updated_at: this.#now(),
      })
      .where('code_hash', '=', hashCode(code))
      .execute()
  }

  /**
   * Waits until the first exchange of `code` finishes and returns what it
   * recorded, or `undefined` if it is still pending after `waitMs`.
   */
  async waitForOutcome(
    code: string,
    options: { waitMs: number; pollMs: number },
  ): Promise<CodeOutcomeRecord | undefined> {
    const deadline = Date.now() + options.waitMs
    for (;;) {
      const row = await this.#database.db
        .selectFrom('oauth_codes')
        .select(['status', 'result_json'])
        .where('code_hash', '=', hashCode(code))
        .executeTakeFirst()
      if (row && row.status !== 'pending') {
        return {
          status: row.status,
          result: JSON.parse(row.result_json ?? 'null'),
        }
      }
      if (Date.now() > deadline) {
        return undefined
      }
      await sleep(options.pollMs)
    }
  }
}

function hashCode(code: string): string {
  return createHash('sha256').update(code).digest('hex')
}

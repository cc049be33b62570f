import { randomUUID } from 'node:crypto'
import type { Database } from './database.js'

/** A lease that one process holds until it releases it or it expires. */
export interface HeldLease {
  readonly name: string
  readonly owner: string
  release(): Promise<void>
}

/**
 * Named leases in the `locks` table, shared by every process on one
 * database. Taking a lease is one upsert that replaces only an expired
 * row, which SQLite and PostgreSQL both run atomically.
 */
export class DatabaseLease {
  readonly #database: Database
  readonly #now: () => number

  constructor(options: { database: Database; now?: () => number }) {
    this.#database = options.database
    this.#now = options.now ?? Date.now
  }

  /**
   * Takes the lease `name` for `ttlMs` milliseconds. Returns `undefined`
   * when another owner holds an unexpired lease of that name.
   */
  async tryAcquire(
    name: string,
    ttlMs: number,
  ): Promise<HeldLease | undefined> {
    const owner = randomUUID()
    const now = this.#now()
    const row = await this.#database.db
      .insertInto('locks')
      .values({ name, owner, expires_at: now + ttlMs })
      .onConflict((conflict) =>
        conflict
          .column('name')
          .doUpdateSet((eb) => ({
            owner: eb.ref('excluded.owner'),
            expires_at: eb.ref('excluded.expires_at'),
          }))
          .where('locks.expires_at', '<', now),
      )
      .returning('owner')
      .executeTakeFirst()

    if (row?.owner !== owner) {
      return undefined
    }
    return { name, owner, release: () => this.#release(name, owner) }
  }

  async #release(name: string, owner: string): Promise<void> {
    await this.#database.db
      .deleteFrom('locks')
      .where('name', '=', name)
      .where('owner', '=', owner)
      .execute()
  }
}

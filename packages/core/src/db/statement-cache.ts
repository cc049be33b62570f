import type SQLite from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

/** The number of prepared statements kept per connection. */
const defaultCapacity = 256

/**
 * Wraps a better-sqlite3 connection for Kysely's SQLite dialect so that a
 * query's SQL is prepared once and its statement reused, instead of parsed
 * and planned again on every call. The least recently used statement leaves
 * when the cache is full, since `in` lists of varying length make new SQL.
 *
 * Kysely runs one query at a time on this connection, so a cached statement
 * is never asked to run while another call still iterates it.
 */
export function withStatementCache(
  database: SQLite.Database,
  options: { capacity?: number; onClose?: () => void } = {},
): SqliteDatabase {
  const capacity = options.capacity ?? defaultCapacity
  const statements = new Map<string, SqliteStatement>()

  return {
    close: () => {
      statements.clear()
      options.onClose?.()
      database.close()
    },
    prepare: (sql) => {
      const cached = statements.get(sql)
      if (cached !== undefined) {
        // Re-inserting moves the entry to the end, the most recent place.
        statements.delete(sql)
        statements.set(sql, cached)
        return cached
      }

      const statement = database.prepare(sql)
      statements.set(sql, statement)
      if (statements.size > capacity) {
        const oldest = statements.keys().next().value
        if (oldest !== undefined) {
          statements.delete(oldest)
        }
      }
      return statement
    },
  }
}

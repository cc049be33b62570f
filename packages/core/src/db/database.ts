import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { HoopkitError } from '../errors/hoopkit-error.js'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import { migrateToLatest } from './migrator.js'
import type { DatabaseSchema } from './schema.js'
import { withStatementCache } from './statement-cache.js'
import { startWalCheckpointer } from './wal-checkpointer.js'

export type DatabaseKind = 'sqlite' | 'postgres'

export interface Database {
  readonly db: Kysely<DatabaseSchema>
  readonly kind: DatabaseKind
  close(): Promise<void>
}

export interface OpenDatabaseOptions {
  /**
   * A `postgres://` or `postgresql://` URL, a `sqlite:` URL or file path,
   * or `:memory:`.
   */
  url: string
  logger?: Logger
  /** Runs pending migrations before returning. @default true */
  migrate?: boolean
  /**
   * Runs SQLite's WAL checkpoints in a thread of their own, so that no
   * commit on the event loop waits for a checkpoint's disk syncs.
   * @default true
   */
  checkpointInThread?: boolean
}

const int8Oid = 20
const numericOid = 1700

/**
 * Opens the app's database. SQLite runs in WAL mode with a busy timeout, so
 * several processes can share one file. PostgreSQL returns `bigint` and
 * `numeric` columns as numbers, since they hold epoch milliseconds and money.
 */
export async function openDatabase(
  options: OpenDatabaseOptions,
): Promise<Database> {
  const logger = options.logger ?? silentLogger
  const kind = databaseKind(options.url)
  const db =
    kind === 'postgres'
      ? new Kysely<DatabaseSchema>({ dialect: postgresDialect(options.url) })
      : new Kysely<DatabaseSchema>({ dialect: sqliteDialect(options, logger) })

  if (options.migrate ?? true) {
    await migrateToLatest(db, logger)
  }

  return {
    db,
    kind,
    close: () => db.destroy(),
  }
}

export function databaseKind(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite'
}

function postgresDialect(url: string): PostgresDialect {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: (oid: number, format?: string) => {
        if (oid === int8Oid || oid === numericOid) {
          return (value: string) => Number(value)
        }
        return pg.types.getTypeParser(oid, format as 'text')
      },
    },
  })
  return new PostgresDialect({ pool })
}

function sqliteDialect(
  options: OpenDatabaseOptions,
  logger: Logger,
): SqliteDialect {
  const file = sqliteFile(options.url)
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true })
  }

  let database: SQLite.Database
  try {
    database = new SQLite(file)
  } catch (error) {
    throw new HoopkitError(
      'DATABASE_UNAVAILABLE',
      `database: cannot open SQLite file ${file}: check that its folder ` +
        'is writable',
      { cause: error },
    )
  }

  database.pragma('journal_mode = WAL')
  database.pragma('synchronous = NORMAL')
  database.pragma('busy_timeout = 5000')
  database.pragma('foreign_keys = ON')
  const checkpointer =
    file !== ':memory:' && (options.checkpointInThread ?? true)
      ? startWalCheckpointer({ file, connection: database, logger })
      : undefined
  return new SqliteDialect({
    database: withStatementCache(database, {
      onClose: () => void checkpointer?.stop(),
    }),
  })
}

/** Turns `sqlite:path`, `sqlite://path`, `file:path` or a path into a path. */
export function sqliteFile(url: string): string {
  if (url === ':memory:' || url === 'sqlite::memory:') {
    return ':memory:'
  }

  const path = url.replace(/^(sqlite|file):(\/\/)?/, '')
  return resolve(path)
}

import type { Kysely } from 'kysely'
import { type Migration, Migrator } from 'kysely/migration'
import { HoopkitError } from '../errors/hoopkit-error.js'
import type { Logger } from '../logging/logger.js'
import { migrations } from './migrations/index.js'

/**
 * Applies every pending migration. Kysely takes a lock around the run, so
 * several processes that start at once apply each migration once.
 */
export async function migrateToLatest(
  // biome-ignore lint/suspicious/noExplicitAny: migrations predate the schema.
  db: Kysely<any>,
  logger: Logger,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: {
      getMigrations: async (): Promise<Record<string, Migration>> => migrations,
    },
  })

  const { error, results } = await migrator.migrateToLatest()
  for (const result of results ?? []) {
    if (result.status === 'Success') {
      logger.info({ migration: result.migrationName }, 'migration applied')
    }
    if (result.status === 'Error') {
      logger.error({ migration: result.migrationName }, 'migration failed')
    }
  }

  if (error) {
    throw new HoopkitError(
      'DATABASE_UNAVAILABLE',
      'database: migration failed: see the cause, then restart',
      { cause: error },
    )
  }
}

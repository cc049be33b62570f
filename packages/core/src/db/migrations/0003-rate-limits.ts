import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

export const rateLimitsMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations predate the schema.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('rate_limit_requests')
      .addColumn('bucket', 'text', (col) => col.notNull())
      .addColumn('sent_at', 'bigint', (col) => col.notNull())
      .addColumn('ticket', 'text')
      .execute()

    await db.schema
      .createIndex('rate_limit_requests_bucket_sent_at')
      .on('rate_limit_requests')
      .columns(['bucket', 'sent_at'])
      .execute()

    await db.schema
      .createTable('rate_limit_daily')
      .addColumn('bucket', 'text', (col) => col.notNull())
      .addColumn('slot', 'bigint', (col) => col.notNull())
      .addColumn('count', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('rate_limit_daily_pk', ['bucket', 'slot'])
      .execute()
  },

  // biome-ignore lint/suspicious/noExplicitAny: migrations predate the schema.
  async down(db: Kysely<any>) {
    await db.schema.dropTable('rate_limit_daily').execute()
    await db.schema.dropTable('rate_limit_requests').execute()
  },
}

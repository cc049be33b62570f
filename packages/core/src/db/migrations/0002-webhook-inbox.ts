import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

export const webhookInboxMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations predate the schema.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('webhook_events')
      .addColumn('webhook_id', 'text', (col) => col.primaryKey())
      .addColumn('type', 'text', (col) => col.notNull())
      .addColumn('app_id', 'text')
      .addColumn('company_id', 'text')
      .addColumn('location_id', 'text')
      .addColumn('body', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (col) => col.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_expires_at', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('received_at', 'bigint', (col) => col.notNull())
      .addColumn('processed_at', 'bigint')
      .execute()

    await db.schema
      .createIndex('webhook_events_ready')
      .on('webhook_events')
      .columns(['status', 'next_attempt_at'])
      .execute()

    await db.schema
      .createIndex('webhook_events_resource')
      .on('webhook_events')
      .columns(['location_id', 'received_at'])
      .execute()
  },

  // biome-ignore lint/suspicious/noExplicitAny: migrations predate the schema.
  async down(db: Kysely<any>) {
    await db.schema.dropTable('webhook_events').execute()
  },
}

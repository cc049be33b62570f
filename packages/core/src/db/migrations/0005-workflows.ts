import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

export const workflowsMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations predate the schema.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('action_executions')
      .addColumn('execution_key', 'text', (col) => col.primaryKey())
      .addColumn('execution_id', 'text', (col) => col.notNull().unique())
      .addColumn('action_key', 'text', (col) => col.notNull())
      .addColumn('location_id', 'text', (col) => col.notNull())
      .addColumn('contact_id', 'text')
      .addColumn('workflow_id', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('reply_status', 'integer')
      .addColumn('reply_json', 'text')
      .addColumn('extras_json', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute()

    await db.schema
      .createTable('trigger_subscriptions')
      .addColumn('location_id', 'text', (col) => col.notNull())
      .addColumn('workflow_id', 'text', (col) => col.notNull())
      .addColumn('trigger_id', 'text', (col) => col.notNull())
      .addColumn('trigger_key', 'text', (col) => col.notNull())
      .addColumn('company_id', 'text')
      .addColumn('target_url', 'text', (col) => col.notNull())
      .addColumn('filters_json', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('trigger_subscriptions_pk', [
        'location_id',
        'workflow_id',
        'trigger_id',
      ])
      .execute()

    await db.schema
      .createIndex('trigger_subscriptions_key')
      .on('trigger_subscriptions')
      .columns(['location_id', 'trigger_key'])
      .execute()
  },

  // biome-ignore lint/suspicious/noExplicitAny: migrations predate the schema.
  async down(db: Kysely<any>) {
    await db.schema.dropTable('trigger_subscriptions').execute()
    await db.schema.dropTable('action_executions').execute()
  },
}

import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

export const billingAndMenusMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations predate the schema.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('billing_payments')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('app_id', 'text', (col) => col.notNull())
      .addColumn('client_id', 'text', (col) => col.notNull())
      .addColumn('billing_key', 'text', (col) => col.notNull())
      .addColumn('open_key', 'text', (col) => col.unique())
      .addColumn('install_type', 'text', (col) => col.notNull())
      .addColumn('company_id', 'text')
      .addColumn('location_ids_json', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('amount', 'numeric')
      .addColumn('payment_type', 'text')
      .addColumn('subscription_id', 'text')
      .addColumn('provider_payment_id', 'text')
      .addColumn('failure_reason', 'text')
      .addColumn('step_started_at', 'bigint')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addColumn('closed_at', 'bigint')
      .execute()

    await db.schema
      .createTable('billing_confirmations')
      .addColumn('payment_id', 'text', (col) =>
        col.notNull().references('billing_payments.id').onDelete('cascade'),
      )
      .addColumn('auth_type', 'text', (col) => col.notNull())
      .addColumn('resource_id', 'text', (col) => col.notNull())
      .addColumn('body_json', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('confirmed_at', 'bigint')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('billing_confirmations_pk', [
        'payment_id',
        'auth_type',
        'resource_id',
      ])
      .execute()

    await db.schema
      .createTable('wallet_charges')
      .addColumn('app_id', 'text', (col) => col.notNull())
      .addColumn('event_id', 'text', (col) => col.notNull())
      .addColumn('location_id', 'text', (col) => col.notNull())
      .addColumn('company_id', 'text', (col) => col.notNull())
      .addColumn('meter_id', 'text', (col) => col.notNull())
      .addColumn('units', 'numeric', (col) => col.notNull())
      .addColumn('price', 'numeric')
      .addColumn('description', 'text', (col) => col.notNull())
      .addColumn('body_json', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('charge_id', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('wallet_charges_pk', ['app_id', 'event_id'])
      .execute()

    await db.schema
      .createIndex('wallet_charges_location')
      .on('wallet_charges')
      .columns(['app_id', 'location_id', 'created_at'])
      .execute()

    await db.schema
      .createTable('menu_links')
      .addColumn('app_id', 'text', (col) => col.notNull())
      .addColumn('company_id', 'text', (col) => col.notNull())
      .addColumn('link_key', 'text', (col) => col.notNull())
      .addColumn('menu_id', 'text', (col) => col.notNull())
      .addColumn('link_hash', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('menu_links_pk', [
        'app_id',
        'company_id',
        'link_key',
      ])
      .execute()
  },

  // biome-ignore lint/suspicious/noExplicitAny: migrations predate the schema.
  async down(db: Kysely<any>) {
    for (const table of [
      'menu_links',
      'wallet_charges',
      'billing_confirmations',
      'billing_payments',
    ]) {
      await db.schema.dropTable(table).execute()
    }
  },
}

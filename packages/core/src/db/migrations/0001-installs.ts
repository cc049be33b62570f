import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

export const installsMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations predate the schema.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('installs')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('app_id', 'text', (col) => col.notNull())
      .addColumn('resource_id', 'text', (col) => col.notNull())
      .addColumn('user_type', 'text', (col) => col.notNull())
      .addColumn('company_id', 'text')
      .addColumn('location_id', 'text')
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('scope', 'text')
      .addColumn('user_id', 'text')
      .addColumn('plan_id', 'text')
      .addColumn('trial_json', 'text')
      .addColumn('version_id', 'text')
      .addColumn('is_bulk', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('company_name', 'text')
      .addColumn('whitelabel_domain', 'text')
      .addColumn('last_error', 'text')
      .addColumn('installed_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addColumn('uninstalled_at', 'bigint')
      .addUniqueConstraint('installs_app_resource', ['app_id', 'resource_id'])
      .execute()

    await db.schema
      .createIndex('installs_company')
      .on('installs')
      .columns(['app_id', 'company_id'])
      .execute()

    await db.schema
      .createTable('tokens')
      .addColumn('app_id', 'text', (col) => col.notNull())
      .addColumn('resource_id', 'text', (col) => col.notNull())
      .addColumn('user_type', 'text', (col) => col.notNull())
      .addColumn('company_id', 'text')
      .addColumn('location_id', 'text')
      .addColumn('access_token', 'text', (col) => col.notNull())
      .addColumn('refresh_token', 'text')
      .addColumn('expires_at', 'bigint')
      .addColumn('scope', 'text')
      .addColumn('user_id', 'text')
      .addColumn('version', 'integer', (col) => col.notNull())
      .addColumn('refreshed_at', 'bigint')
      .addColumn('last_refresh_error', 'text')
      .addColumn('refresh_blocked_until', 'bigint')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('tokens_pk', ['app_id', 'resource_id'])
      .execute()

    await db.schema
      .createTable('locks')
      .addColumn('name', 'text', (col) => col.primaryKey())
      .addColumn('owner', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'bigint', (col) => col.notNull())
      .execute()

    await db.schema
      .createTable('oauth_codes')
      .addColumn('code_hash', 'text', (col) => col.primaryKey())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('result_json', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute()
  },

  // biome-ignore lint/suspicious/noExplicitAny: migrations predate the schema.
  async down(db: Kysely<any>) {
    for (const table of ['oauth_codes', 'locks', 'tokens', 'installs']) {
      await db.schema.dropTable(table).execute()
    }
  },
}

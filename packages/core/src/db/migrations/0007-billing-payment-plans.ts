import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * Adds the plan that each payment bought and the locations and company it
 * billed, so a paid location is not charged again under another list.
 */
export const billingPaymentPlansMigration: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations predate the schema.
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('billing_payments')
      .addColumn('plan_id', 'text')
      .execute()
    await db.schema
      .alterTable('billing_payments')
      .addColumn('targets_json', 'text')
      .execute()
  },
}

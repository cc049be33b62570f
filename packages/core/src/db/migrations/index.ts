import type { Migration } from 'kysely/migration'
import { installsMigration } from './0001-installs.js'
import { webhookInboxMigration } from './0002-webhook-inbox.js'
import { rateLimitsMigration } from './0003-rate-limits.js'
import { appSettingsMigration } from './0004-app-settings.js'
import { workflowsMigration } from './0005-workflows.js'
import { billingAndMenusMigration } from './0006-billing-and-menus.js'
import { billingPaymentPlansMigration } from './0007-billing-payment-plans.js'

/**
 * Every migration, in the order it runs. Names sort in that order, and a
 * migration that has shipped is never edited: add a new one instead.
 */
export const migrations: Record<string, Migration> = {
  '0001-installs': installsMigration,
  '0002-webhook-inbox': webhookInboxMigration,
  '0003-rate-limits': rateLimitsMigration,
  '0004-app-settings': appSettingsMigration,
  '0005-workflows': workflowsMigration,
  '0006-billing-and-menus': billingAndMenusMigration,
  '0007-billing-payment-plans': billingPaymentPlansMigration,
}

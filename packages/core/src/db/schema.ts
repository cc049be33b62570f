import type { BillingTables } from './billing-tables.js'
import type { InstallTables } from './install-tables.js'
import type { MenuTables } from './menu-tables.js'
import type { RateLimitTables } from './rate-limit-tables.js'
import type { SettingsTables } from './settings-tables.js'
import type { WebhookTables } from './webhook-tables.js'
import type { WorkflowTables } from './workflow-tables.js'

/** Every table of the app's database, one interface per area. */
export interface DatabaseSchema
  extends InstallTables,
    BillingTables,
    MenuTables,
    RateLimitTables,
    SettingsTables,
    WebhookTables,
    WorkflowTables {}

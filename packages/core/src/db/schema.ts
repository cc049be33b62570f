import type { InstallTables } from './install-tables.js'
import type { SettingsTables } from './settings-tables.js'

/** Every table of the app's database, one interface per area. */
export interface DatabaseSchema extends InstallTables, SettingsTables {}

import type { InstallTables } from './install-tables.js'

/** Every table of the app's database, one interface per area. */
export interface DatabaseSchema extends InstallTables {}

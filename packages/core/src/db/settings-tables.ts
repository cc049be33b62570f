/**
 * The app's own settings for one install, edited from the custom page.
 * `values_json` is validated by the app's settings schema on every read and
 * write, and `version` grows by one on every write. Times are epoch
 * milliseconds.
 */
export interface AppSettingsTable {
  app_id: string
  /** The location id, or the company id for an agency install. */
  resource_id: string
  values_json: string
  version: number
  updated_by: string | null
  updated_at: number
}

export interface SettingsTables {
  app_settings: AppSettingsTable
}

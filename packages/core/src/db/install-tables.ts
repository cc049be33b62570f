export type InstallStatus =
  | 'pending'
  | 'active'
  | 'reauth_required'
  | 'suspended'
  | 'uninstalled'

export type UserType = 'Company' | 'Location'

/**
 * One install of the app on one resource: an agency (Company) or a
 * sub-account (Location). Times are epoch milliseconds.
 */
export interface InstallsTable {
  id: string
  app_id: string
  resource_id: string
  user_type: UserType
  company_id: string | null
  location_id: string | null
  status: InstallStatus
  scope: string | null
  user_id: string | null
  plan_id: string | null
  trial_json: string | null
  version_id: string | null
  is_bulk: number
  company_name: string | null
  whitelabel_domain: string | null
  last_error: string | null
  installed_at: number
  updated_at: number
  /** The UNINSTALL's signed `timestamp`, or when it was processed. */
  uninstalled_at: number | null
}

/**
 * The OAuth tokens of one resource. Both tokens are encrypted at rest, and
 * `version` grows by one on every write, for compare-and-swap updates.
 */
export interface TokensTable {
  app_id: string
  resource_id: string
  user_type: UserType
  company_id: string | null
  location_id: string | null
  access_token: string
  refresh_token: string | null
  expires_at: number | null
  scope: string | null
  user_id: string | null
  version: number
  refreshed_at: number | null
  /** Why the last refresh failed, as an `OauthFailureKind`; null after a success. */
  last_refresh_error: string | null
  /** No refresh is tried before this time, after a suspension or outage. */
  refresh_blocked_until: number | null
  created_at: number
  updated_at: number
}

/** A lease held by one process, such as the right to refresh one token. */
export interface LocksTable {
  name: string
  owner: string
  expires_at: number
}

/**
 * The outcome of exchanging one authorization code, keyed by a hash of the
 * code, so a repeated callback returns the first result.
 */
export interface OauthCodesTable {
  code_hash: string
  status: 'pending' | 'succeeded' | 'failed'
  result_json: string | null
  created_at: number
  updated_at: number
}

export interface InstallTables {
  installs: InstallsTable
  tokens: TokensTable
  locks: LocksTable
  oauth_codes: OauthCodesTable
}

/** An agency. Field names follow the platform's API. */
export interface Company {
  id: string
  name: string
  email: string
  /** The agency's white-label domain, if it has one. */
  whitelabelDomain: string | null
}

/** A sub-account. */
export interface Location {
  id: string
  companyId: string
  name: string
  email: string
  phone: string
  address: string
  city: string
  state: string
  country: string
  postalCode: string
  website: string
  timezone: string
}

export type UserRole = 'admin' | 'user'

/** A person who signs in: an agency user or a sub-account user. */
export interface User {
  id: string
  companyId: string
  firstName: string
  lastName: string
  name: string
  email: string
  phone: string
  /** `agency` users see the agency; `account` users see their locations. */
  type: 'agency' | 'account'
  role: UserRole
  locationIds: string[]
}

export interface Contact {
  id: string
  locationId: string
  firstName: string | null
  lastName: string | null
  contactName: string | null
  email: string | null
  phone: string | null
  companyName: string | null
  address1: string | null
  city: string | null
  state: string | null
  postalCode: string | null
  country: string | null
  website: string | null
  source: string | null
  tags: string[]
  dnd: boolean
  assignedTo: string | null
  customFields: { id: string; value: unknown }[]
  dateAdded: string
  dateUpdated: string
}

/** An app registered with the sandbox from its declaration. */
export interface RegisteredApp {
  appId: string
  versionId: string
  clientId: string
  clientSecret: string
  name: string
  description: string
  distribution: 'agency' | 'sub-account' | 'both'
  redirectUri: string
  scopes: string[]
  webhookUrl: string
  webhookEvents: string[]
  /** The shared secret for SSO payloads, if one was generated. */
  ssoKey: string | null
  /** The app's Custom JS script, which the sandbox shell loads. */
  customJsUrl?: string | null
  /**
   * The day the app was created in the developer portal, as `YYYY-MM-DD`.
   * Without it the app counts as created after every date rule.
   */
  createdAt?: string | null
}

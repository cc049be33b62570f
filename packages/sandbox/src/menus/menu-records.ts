/** A custom menu link, in the shape of the custom-menus API. */
export interface CustomMenuRecord {
  id: string
  /** The app that created the link, which the API never returns. */
  appId: string
  /** The agency the link belongs to, which the API never returns. */
  companyId: string
  title: string
  url: string
  icon: { name: string; fontFamily: 'fab' | 'fas' | 'far' }
  order: number
  showOnCompany: boolean
  showOnLocation: boolean
  showToAllLocations: boolean
  openMode: 'iframe' | 'new_tab' | 'current_tab'
  locations: string[]
  userRole: 'all' | 'admin' | 'user'
  allowCamera: boolean
  allowMicrophone: boolean
  createdAt: string
  updatedAt: string
}

/** The view that a user's navigation shows: the agency or a sub-account. */
export interface NavigationView {
  companyId: string
  /** The sub-account, or `null` for the agency view. */
  locationId: string | null
  role: 'admin' | 'user'
}

/** Removes the fields that only the sandbox keeps, for API replies. */
export function menuReply(record: CustomMenuRecord) {
  const { appId: _appId, companyId: _companyId, ...reply } = record
  return reply
}

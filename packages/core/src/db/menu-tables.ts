/**
 * One custom menu link that the app created on one agency. `link_hash`
 * is the hash of the declared link it was last written from, so a
 * changed declaration is sent again and an unchanged one is not.
 */
export interface MenuLinksTable {
  app_id: string
  company_id: string
  /** The declared link's `key`. */
  link_key: string
  /** The platform's id of the custom menu. */
  menu_id: string
  link_hash: string
  created_at: number
  updated_at: number
}

export interface MenuTables {
  menu_links: MenuLinksTable
}

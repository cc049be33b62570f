import type { Kysely } from 'kysely'
import type { DatabaseSchema } from '../db/schema.js'

/** The custom menu links that the app created, per agency and link key. */
export class MenuLinkStore {
  readonly #db: Kysely<DatabaseSchema>
  readonly #now: () => number

  constructor(db: Kysely<DatabaseSchema>, now: () => number = Date.now) {
    this.#db = db
    this.#now = now
  }

  async list(appId: string, companyId: string) {
    return await this.#db
      .selectFrom('menu_links')
      .selectAll()
      .where('app_id', '=', appId)
      .where('company_id', '=', companyId)
      .orderBy('created_at')
      .execute()
  }

  async save(link: {
    appId: string
    companyId: string
    key: string
    menuId: string
    hash: string
  }): Promise<void> {
    const now = this.#now()
    await this.#db
      .insertInto('menu_links')
      .values({
        app_id: link.appId,
        company_id: link.companyId,
        link_key: link.key,
        menu_id: link.menuId,
        link_hash: link.hash,
        created_at: now,
        updated_at: now,
      })
      .onConflict((conflict) =>
        conflict.columns(['app_id', 'company_id', 'link_key']).doUpdateSet({
          menu_id: link.menuId,
          link_hash: link.hash,
          updated_at: now,
        }),
      )
      .execute()
  }

  async remove(appId: string, companyId: string, key: string): Promise<void> {
    await this.#db
      .deleteFrom('menu_links')
      .where('app_id', '=', appId)
      .where('company_id', '=', companyId)
      .where('link_key', '=', key)
      .execute()
  }

  /** Deletes every stored link of an agency and returns how many there were. */
  async removeAll(appId: string, companyId: string): Promise<number> {
    const result = await this.#db
      .deleteFrom('menu_links')
      .where('app_id', '=', appId)
      .where('company_id', '=', companyId)
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}

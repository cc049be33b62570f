import type { ApiClient } from '../api/api-client.js'
import { platformStatusOf } from '../api/platform-status.js'
import type { Database } from '../db/database.js'
import { DatabaseLease, type HeldLease } from '../db/database-lease.js'
import { HoopkitError } from '../errors/hoopkit-error.js'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import type { InstallRecord } from '../oauth/install-store.js'
import type { TokensStoredHooks } from '../oauth/tokens-stored-hooks.js'
import {
  type MenuLink,
  menuLinkBody,
  menuLinkHash,
  menuLinkKey,
} from './menu-link.js'
import { MenuLinkStore } from './menu-link-store.js'

export interface MenuLinkSyncOptions {
  database: Database
  client: ApiClient
  appId: string
  /** The links of the app's declaration. */
  links: readonly MenuLink[]
  /** The origin that link paths are resolved against. */
  publicUrl: string
  logger?: Logger
  /**
   * How long a sync waits for another sync of the same agency, in ms.
   * @default 30000
   */
  leaseWaitMs?: number
}

/** The outcome of one sync of an agency's links, by link key. */
export interface MenuSyncSummary {
  created: string[]
  updated: string[]
  deleted: string[]
  unchanged: string[]
}

/**
 * Keeps an agency's custom menu links equal to the app's declaration. It
 * stores each created menu's id with a hash of its declared link, so a
 * sync creates new links, updates changed ones, deletes links that are no
 * longer declared and leaves the rest alone.
 */
export class MenuLinkSync {
  readonly #options: MenuLinkSyncOptions
  readonly #store: MenuLinkStore
  readonly #leases: DatabaseLease
  readonly #logger: Logger

  constructor(options: MenuLinkSyncOptions) {
    this.#options = options
    this.#store = new MenuLinkStore(options.database.db)
    this.#leases = new DatabaseLease({ database: options.database })
    this.#logger = options.logger ?? silentLogger
  }

  get store(): MenuLinkStore {
    return this.#store
  }

  /**
   * Creates, updates and deletes the agency's links to match the
   * declaration. One sync per agency runs at a time, across processes,
   * so two installs at once never create a link twice.
   */
  async sync(companyId: string): Promise<MenuSyncSummary> {
    const lease = await this.#acquire(companyId)
    try {
      return await this.#sync(companyId)
    } finally {
      await lease.release()
    }
  }

  async #acquire(companyId: string): Promise<HeldLease> {
    const name = `menu-sync:${this.#options.appId}:${companyId}`
    const waitMs = this.#options.leaseWaitMs ?? 30_000
    const deadline = Date.now() + waitMs
    for (;;) {
      const lease = await this.#leases.tryAcquire(name, waitMs * 2)
      if (lease !== undefined) {
        return lease
      }
      if (Date.now() >= deadline) {
        throw new HoopkitError(
          'MENU_SYNC_FAILED',
          `custom menu links: another sync of ${companyId} ran longer than ` +
            `${waitMs} ms: try the sync again`,
          { details: { companyId } },
        )
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  async #sync(companyId: string): Promise<MenuSyncSummary> {
    const { appId, links, publicUrl } = this.#options
    const api = this.#options.client.company(companyId).customMenus
    const stored = new Map(
      (await this.#store.list(appId, companyId)).map((row) => [
        row.link_key,
        row,
      ]),
    )
    const summary: MenuSyncSummary = {
      created: [],
      updated: [],
      deleted: [],
      unchanged: [],
    }

    for (const link of links) {
      const key = menuLinkKey(link)
      const body = menuLinkBody(link, publicUrl)
      const hash = menuLinkHash(body)
      const row = stored.get(key)
      stored.delete(key)

      // A link deleted on the platform keeps its stored hash, so an
      // unchanged link is looked up before it is skipped.
      if (row?.link_hash === hash && (await this.#exists(api, row.menu_id))) {
        summary.unchanged.push(key)
        continue
      }
      if (row !== undefined && (await this.#update(api, row.menu_id, body))) {
        await this.#store.save({
          appId,
          companyId,
          key,
          menuId: row.menu_id,
          hash,
        })
        summary.updated.push(key)
        continue
      }

      const created = await api.create(body)
      await this.#store.save({
        appId,
        companyId,
        key,
        menuId: created.customMenu.id,
        hash,
      })
      summary.created.push(key)
    }

    for (const row of stored.values()) {
      await this.#delete(api, row.menu_id)
      await this.#store.remove(appId, companyId, row.link_key)
      summary.deleted.push(row.link_key)
    }

    this.#logger.info({ companyId, ...summary }, 'custom menu links synced')
    return summary
  }

  /** Deletes every link the app created on the agency, while its token works. */
  async remove(companyId: string): Promise<number> {
    const { appId } = this.#options
    const api = this.#options.client.company(companyId).customMenus
    const rows = await this.#store.list(appId, companyId)
    for (const row of rows) {
      await this.#delete(api, row.menu_id)
      await this.#store.remove(appId, companyId, row.link_key)
    }
    return rows.length
  }

  /**
   * Syncs an agency's links each time its Company token is stored by an
   * install. A failed sync is logged and leaves the install working.
   */
  syncOnInstall(hooks: TokensStoredHooks): () => void {
    return hooks.onTokensStored(async (event) => {
      if (event.userType !== 'Company' || event.source !== 'install') {
        return
      }
      await this.sync(event.resourceId)
    })
  }

  /**
   * Deletes an agency's stored links on uninstall, as a cleanup step. The
   * agency's token counts as revoked by then, so the platform is not called.
   */
  async forgetOnUninstall(install: InstallRecord): Promise<void> {
    if (install.userType !== 'Company') {
      return
    }
    const count = await this.#store.removeAll(
      this.#options.appId,
      install.resourceId,
    )
    this.#logger.info(
      { companyId: install.resourceId, count },
      'custom menu links forgotten on uninstall',
    )
  }

  /** Updates a menu, and returns false when the platform no longer has it. */
  async #update(
    api: ReturnType<ApiClient['company']>['customMenus'],
    menuId: string,
    body: ReturnType<typeof menuLinkBody>,
  ): Promise<boolean> {
    try {
      await api.update(menuId, body)
      return true
    } catch (error) {
      if (platformStatusOf(error) === 404) {
        return false
      }
      throw error
    }
  }

  /** Tells whether a menu is still on the platform. */
  async #exists(
    api: ReturnType<ApiClient['company']>['customMenus'],
    menuId: string,
  ): Promise<boolean> {
    try {
      await api.get(menuId)
      return true
    } catch (error) {
      if (platformStatusOf(error) === 404) {
        return false
      }
      throw error
    }
  }

  /** Deletes a menu, treating one that is already gone as deleted. */
  async #delete(
    api: ReturnType<ApiClient['company']>['customMenus'],
    menuId: string,
  ): Promise<void> {
    try {
      await api.delete(menuId)
    } catch (error) {
      if (platformStatusOf(error) !== 404) {
        throw error
      }
    }
  }
}

import type { SandboxContext } from '../sandbox-context.js'
import type { SandboxState } from '../state/sandbox-state.js'
import type { CustomMenuRecord, NavigationView } from './menu-records.js'

/** The records of a `SandboxMenus`, as plain data for a JSON file. */
export interface SandboxMenusSnapshot {
  menus: CustomMenuRecord[]
  /** The `order` that the next created link gets. */
  nextOrder: number
}

/**
 * The custom menu links of every agency. The navigation of the sandbox's
 * app shell lists the links that a view shows, in `order`.
 */
export class SandboxMenus {
  readonly menus = new Map<string, CustomMenuRecord>()
  /**
   * Deletes an app's links from an agency when the app is uninstalled from
   * it. The platform's docs do not say whether it does.
   */
  removeOnUninstall = true
  #nextOrder = 1

  nextOrder(): number {
    const order = this.#nextOrder
    this.#nextOrder += 1
    return order
  }

  /** Lists the links of one app, or every app, on an agency, in order. */
  ofCompany(companyId: string, appId?: string): CustomMenuRecord[] {
    return [...this.menus.values()]
      .filter(
        (menu) =>
          menu.companyId === companyId &&
          (appId === undefined || menu.appId === appId),
      )
      .sort((a, b) => a.order - b.order)
  }

  /** Lists the links that the navigation shows to a user in one view. */
  navigationLinks(view: NavigationView): CustomMenuRecord[] {
    return this.ofCompany(view.companyId).filter((menu) => {
      const roleAllowed = menu.userRole === 'all' || menu.userRole === view.role
      if (!roleAllowed) {
        return false
      }
      if (view.locationId === null) {
        return menu.showOnCompany
      }
      return (
        menu.showOnLocation &&
        (menu.showToAllLocations || menu.locations.includes(view.locationId))
      )
    })
  }

  snapshot(): SandboxMenusSnapshot {
    return { menus: [...this.menus.values()], nextOrder: this.#nextOrder }
  }

  /**
   * Replaces the links with those of a snapshot. The next order stays above
   * every restored link's, even when the file's counter is behind.
   */
  restore(snapshot: SandboxMenusSnapshot): void {
    this.menus.clear()
    for (const menu of snapshot.menus) {
      this.menus.set(menu.id, menu)
    }
    const highest = Math.max(0, ...snapshot.menus.map((menu) => menu.order))
    this.#nextOrder = Math.max(snapshot.nextOrder, highest + 1)
  }

  /** Deletes an app's links on an agency and returns how many there were. */
  removeApp(appId: string, companyId: string): number {
    const links = this.ofCompany(companyId, appId)
    for (const link of links) {
      this.menus.delete(link.id)
    }
    return links.length
  }
}

const menusByState = new WeakMap<SandboxState, SandboxMenus>()

/** Returns the custom menu links of one sandbox. */
export function sandboxMenus(
  context: Pick<SandboxContext, 'state'>,
): SandboxMenus {
  let menus = menusByState.get(context.state)
  if (menus === undefined) {
    menus = new SandboxMenus()
    menusByState.set(context.state, menus)
  }
  return menus
}

import type { SandboxModule } from '../sandbox-module.js'
import { customMenuRoutes } from './custom-menu-routes.js'
import { sandboxMenus } from './sandbox-menus.js'

/**
 * Custom menu links: the API, and the removal of an app's links from an
 * agency when the app is uninstalled from it.
 */
export const menusModule: SandboxModule = (server, context) => {
  customMenuRoutes(server, context)

  context.events.on('webhook', ({ appId, body }) => {
    const agencyUninstall =
      body['type'] === 'UNINSTALL' &&
      typeof body['companyId'] === 'string' &&
      body['locationId'] === undefined
    const menus = sandboxMenus(context)
    if (agencyUninstall && menus.removeOnUninstall) {
      menus.removeApp(appId, String(body['companyId']))
    }
  })
}

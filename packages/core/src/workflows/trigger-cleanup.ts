import type { UninstallCleanup } from '../webhooks/uninstall-cleanup.js'
import type { TriggerSubscriptionStore } from './trigger-subscription-store.js'

/**
 * Adds the step that drops trigger subscriptions on uninstall: those of the
 * sub-account, or of every sub-account of an agency. The token counts as
 * revoked, so nothing is sent to the platform.
 */
export function addTriggerCleanup(
  cleanup: UninstallCleanup,
  store: TriggerSubscriptionStore,
): void {
  cleanup.add('trigger subscriptions', async (install) => {
    if (install.userType === 'Location') {
      await store.deleteLocation(install.resourceId)
      return
    }
    await store.deleteCompany(install.resourceId)
  })
}

import type { UninstallCleanup, WebhookHandlers } from '@hoopkit/core'
import { addTriggerCleanup } from '@hoopkit/core'
import { contactCreatedWithTagKey } from './triggers/contact-created-with-tag.js'
import type { WorkflowApp } from './workflow-app.js'

/**
 * Fires the contact-created-with-tag trigger for each ContactCreate that
 * brings tags, and drops trigger subscriptions on uninstall.
 */
export function registerWorkflowWebhooks(
  app: WorkflowApp,
  handlers: WebhookHandlers,
  cleanup: UninstallCleanup,
): void {
  addTriggerCleanup(cleanup, app.runtime.subscriptionStore)

  handlers.on('ContactCreate', async (contact) => {
    const tags = contact.tags ?? []
    if (!contact.id || tags.length === 0) {
      return
    }
    await app.runtime.firer.fire(contactCreatedWithTagKey, contact.locationId, {
      contactId: contact.id,
      email: contact.email ?? '',
      firstName: contact.firstName ?? '',
      tags,
    })
  })
}

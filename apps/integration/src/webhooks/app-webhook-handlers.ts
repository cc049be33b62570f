import type { Logger, WebhookHandlers } from '@hoopkit/core'

/**
 * Registers the example app's own webhook handlers. They run in the inbox worker
 * after the platform got its 200, so they may be slow or fail and retry.
 */
export function registerAppHandlers(handlers: WebhookHandlers, logger: Logger) {
  handlers.on('ContactCreate', (contact, context) => {
    logger.info(
      {
        webhookId: context.webhookId,
        locationId: contact.locationId,
        contactId: contact.id,
      },
      'contact created',
    )
  })

  handlers.on('ContactUpdate', (contact, context) => {
    logger.info(
      {
        webhookId: context.webhookId,
        locationId: contact.locationId,
        contactId: contact.id,
      },
      'contact updated',
    )
  })

  handlers.onUnknown((event, context) => {
    logger.debug(
      { webhookId: context.webhookId, type: event.type, reason: event.reason },
      'webhook without a handler',
    )
  })
}

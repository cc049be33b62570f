import type { SandboxContext } from '../sandbox-context.js'
import type { Contact } from '../state/entities.js'
import type { WebhookSender } from './webhook-sender.js'

export type ContactEventType =
  | 'ContactCreate'
  | 'ContactUpdate'
  | 'ContactDelete'

/** Builds the webhook body of a contact event, with the platform's field names. */
export function contactWebhookBody(
  type: ContactEventType,
  contact: Contact,
): Record<string, unknown> {
  return {
    type,
    locationId: contact.locationId,
    id: contact.id,
    firstName: contact.firstName,
    lastName: contact.lastName,
    name: contact.contactName,
    email: contact.email,
    phone: contact.phone,
    address1: contact.address1,
    city: contact.city,
    state: contact.state,
    postalCode: contact.postalCode,
    country: contact.country,
    companyName: contact.companyName,
    source: contact.source,
    dateAdded: contact.dateAdded,
    dateOfBirth: null,
    dnd: contact.dnd,
    tags: contact.tags,
    website: contact.website,
    attachments: [],
    assignedTo: contact.assignedTo,
    customFields: contact.customFields,
  }
}

/**
 * Sends a contact event to every app installed on the contact's location
 * that subscribed to that event type.
 */
export function sendContactEvent(
  context: SandboxContext,
  sender: WebhookSender,
  type: ContactEventType,
  contact: Contact,
): void {
  for (const install of context.installs.list()) {
    if (install.locationId !== contact.locationId) {
      continue
    }
    const app = context.state.apps.get(install.appId)
    if (app?.webhookEvents.includes(type)) {
      sender.send(install.appId, contactWebhookBody(type, contact))
    }
  }
}

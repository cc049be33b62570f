import type { SandboxContext } from '../sandbox-context.js'
import type { Contact } from '../state/entities.js'
import { platformId } from '../state/sandbox-ids.js'
import type { ContactFields } from './contact-input.js'

/** Creates, changes and deletes contacts, and emits the matching events. */
export class ContactStore {
  readonly #context: SandboxContext

  constructor(context: SandboxContext) {
    this.#context = context
  }

  /** Returns the contact if it exists and belongs to the location. */
  find(locationId: string, contactId: string): Contact | undefined {
    const contact = this.#context.state.contacts.get(contactId)
    return contact?.locationId === locationId ? contact : undefined
  }

  /** Contacts of a location whose name, email or phone contain `query`. */
  matching(locationId: string, query: string | undefined): Contact[] {
    const needle = query?.trim().toLowerCase()
    return this.#context.state
      .contactsOf(locationId)
      .filter((contact) => !needle || searchText(contact).includes(needle))
      .sort(
        (a, b) =>
          a.dateAdded.localeCompare(b.dateAdded) || a.id.localeCompare(b.id),
      )
  }

  /** Returns the contact of a location with this email or phone, if any. */
  duplicateOf(locationId: string, fields: ContactFields): Contact | undefined {
    return this.#context.state
      .contactsOf(locationId)
      .find(
        (contact) =>
          (fields.email !== undefined &&
            contact.email?.toLowerCase() === fields.email.toLowerCase()) ||
          (fields.phone !== undefined && contact.phone === fields.phone),
      )
  }

  create(locationId: string, fields: ContactFields): Contact {
    const now = new Date(this.#context.clock.now()).toISOString()
    const contact: Contact = {
      id: platformId(),
      locationId,
      firstName: null,
      lastName: null,
      contactName: null,
      email: null,
      phone: null,
      companyName: null,
      address1: null,
      city: null,
      state: null,
      postalCode: null,
      country: null,
      website: null,
      source: null,
      tags: [],
      dnd: false,
      assignedTo: null,
      customFields: [],
      dateAdded: now,
      dateUpdated: now,
    }
    apply(contact, fields)
    this.#context.state.contacts.set(contact.id, contact)
    this.#context.events.emit('contactCreated', contact)
    return contact
  }

  update(contact: Contact, fields: ContactFields): Contact {
    apply(contact, fields)
    contact.dateUpdated = new Date(this.#context.clock.now()).toISOString()
    this.#context.events.emit('contactUpdated', contact)
    return contact
  }

  setTags(contact: Contact, tags: string[]): Contact {
    return this.update(contact, { tags })
  }

  delete(contact: Contact): void {
    this.#context.state.contacts.delete(contact.id)
    this.#context.events.emit('contactDeleted', contact)
  }
}

function searchText(contact: Contact): string {
  return [
    contact.firstName,
    contact.lastName,
    contact.contactName,
    contact.email,
    contact.phone,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase()
}

function apply(contact: Contact, fields: ContactFields): void {
  const simple = [
    'firstName',
    'lastName',
    'email',
    'phone',
    'companyName',
    'address1',
    'city',
    'state',
    'postalCode',
    'country',
    'website',
    'source',
    'assignedTo',
  ] as const
  for (const key of simple) {
    const value = fields[key]
    if (value !== undefined) {
      contact[key] = value
    }
  }

  if (fields.name !== undefined) {
    contact.contactName = fields.name
  } else if (fields.firstName !== undefined || fields.lastName !== undefined) {
    contact.contactName =
      [contact.firstName, contact.lastName].filter(Boolean).join(' ') || null
  }
  if (fields.dnd !== undefined) {
    contact.dnd = fields.dnd
  }
  if (fields.tags !== undefined) {
    contact.tags = [...new Set(fields.tags)]
  }
  if (fields.customFields !== undefined) {
    contact.customFields = fields.customFields.map((field) => ({
      id: field.id ?? field.key ?? '',
      value: field.field_value,
    }))
  }
}

import type { Contact } from '../state/entities.js'
import type { ApiRecords } from './api-records.js'

/** A contact in the shape the contacts endpoints return. */
export function contactView(contact: Contact, records: ApiRecords) {
  const name =
    contact.contactName ??
    ([contact.firstName, contact.lastName].filter(Boolean).join(' ') || null)
  return {
    id: contact.id,
    locationId: contact.locationId,
    name,
    contactName: name,
    firstName: contact.firstName,
    lastName: contact.lastName,
    firstNameLowerCase: contact.firstName?.toLowerCase() ?? null,
    lastNameLowerCase: contact.lastName?.toLowerCase() ?? null,
    email: contact.email,
    emailLowerCase: contact.email?.toLowerCase() ?? null,
    phone: contact.phone,
    companyName: contact.companyName,
    address1: contact.address1,
    city: contact.city,
    state: contact.state,
    postalCode: contact.postalCode,
    country: contact.country,
    website: contact.website,
    source: contact.source,
    type: 'lead',
    dnd: contact.dnd,
    tags: contact.tags,
    assignedTo: contact.assignedTo,
    businessId: records.businessOf.get(contact.id) ?? null,
    customFields: contact.customFields,
    dateAdded: contact.dateAdded,
    dateUpdated: contact.dateUpdated,
  }
}

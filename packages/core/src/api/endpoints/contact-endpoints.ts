import { apiVersion20210728, defineEndpoint } from '../api-endpoint.js'
import * as s from './contact-schemas.js'

const common = {
  version: apiVersion20210728,
  tokenKinds: ['Location'],
  family: 'contacts',
} as const
const read = { ...common, scope: 'contacts.readonly' } as const
const write = { ...common, scope: 'contacts.write' } as const
const locationInQuery = [
  { in: 'query', name: 'locationId', from: 'resourceId' },
] as const
const locationInBody = [
  { in: 'body', name: 'locationId', from: 'resourceId' },
] as const

/** The contacts endpoints, from the platform's contacts OpenAPI file. */
export const contactEndpoints = {
  get: defineEndpoint({
    ...read,
    id: 'contacts.get',
    method: 'GET',
    path: '/contacts/{contactId}',
    inject: [],
    response: s.contactResponse,
  }),
  list: defineEndpoint({
    ...read,
    id: 'contacts.list',
    method: 'GET',
    path: '/contacts/',
    inject: locationInQuery,
    query: s.listContactsQuery,
    response: s.contactsPageSchema,
  }),
  search: defineEndpoint({
    ...read,
    id: 'contacts.search',
    method: 'POST',
    path: '/contacts/search',
    inject: locationInBody,
    body: s.searchContactsBody,
    response: s.contactsPageSchema,
  }),
  create: defineEndpoint({
    ...write,
    id: 'contacts.create',
    method: 'POST',
    path: '/contacts/',
    inject: locationInBody,
    body: s.createContactBody,
    response: s.contactResponse,
  }),
  update: defineEndpoint({
    ...write,
    id: 'contacts.update',
    method: 'PUT',
    path: '/contacts/{contactId}',
    inject: [],
    body: s.updateContactBody,
    response: s.updateContactResponse,
  }),
  upsert: defineEndpoint({
    ...write,
    id: 'contacts.upsert',
    method: 'POST',
    path: '/contacts/upsert',
    inject: locationInBody,
    body: s.upsertContactBody,
    response: s.upsertContactResponse,
  }),
  delete: defineEndpoint({
    ...write,
    id: 'contacts.delete',
    method: 'DELETE',
    path: '/contacts/{contactId}',
    inject: [],
    response: s.deleteContactResponse,
  }),
  addTags: defineEndpoint({
    ...write,
    id: 'contacts.tags.add',
    method: 'POST',
    path: '/contacts/{contactId}/tags',
    inject: [],
    body: s.tagsBody,
    response: s.tagsResponse,
  }),
  removeTags: defineEndpoint({
    ...write,
    id: 'contacts.tags.remove',
    method: 'DELETE',
    path: '/contacts/{contactId}/tags',
    inject: [],
    body: s.tagsBody,
    response: s.tagsResponse,
  }),
  listNotes: defineEndpoint({
    ...read,
    id: 'contacts.notes.list',
    method: 'GET',
    path: '/contacts/{contactId}/notes',
    inject: [],
    response: s.notesResponse,
  }),
  createNote: defineEndpoint({
    ...write,
    id: 'contacts.notes.create',
    method: 'POST',
    path: '/contacts/{contactId}/notes',
    inject: [],
    body: s.createNoteBody,
    response: s.noteResponse,
  }),
  // NOTE: the OpenAPI file lists no scope for the two bulk endpoints, so
  // hoopkit asks for contacts.write, which the single-contact writes need.
  bulkTags: defineEndpoint({
    ...write,
    id: 'contacts.bulk.tags',
    method: 'POST',
    path: '/contacts/bulk/tags/update/{type}',
    inject: locationInBody,
    body: s.bulkTagsBody,
    response: s.bulkTagsResponse,
  }),
  bulkBusiness: defineEndpoint({
    ...write,
    id: 'contacts.bulk.business',
    method: 'POST',
    path: '/contacts/bulk/business',
    inject: locationInBody,
    body: s.bulkBusinessBody,
    response: s.bulkBusinessResponse,
  }),
}

/** Whether a bulk tag update adds or removes the tags. */
export type BulkTagsType = 'add' | 'remove'

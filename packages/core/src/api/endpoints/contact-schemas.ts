import { z } from 'zod'
import {
  customFieldValue,
  flag,
  looseList,
  number,
  text,
  texts,
} from '../response-fields.js'

/** A contact as the contacts endpoints return it. */
export const contactSchema = z.looseObject({
  id: z.string(),
  locationId: text,
  name: text,
  contactName: text,
  firstName: text,
  lastName: text,
  email: text,
  phone: text,
  companyName: text,
  address1: text,
  city: text,
  state: text,
  postalCode: text,
  country: text,
  website: text,
  timezone: text,
  source: text,
  type: text,
  dnd: flag,
  tags: texts,
  assignedTo: text,
  businessId: text,
  dateOfBirth: text,
  dateAdded: text,
  dateUpdated: text,
  customFields: looseList(customFieldValue),
})
export type Contact = z.infer<typeof contactSchema>

const customFieldInput = z.strictObject({
  id: z.string().optional(),
  key: z.string().optional(),
  field_value: z.unknown(),
})

// The writable fields of CreateContactDto; `locationId` is filled in by the
// client from the scope.
const contactFields = {
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  gender: z.string().optional(),
  phone: z.string().optional(),
  address1: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  postalCode: z.string().optional(),
  website: z.string().optional(),
  timezone: z.string().optional(),
  dnd: z.boolean().optional(),
  dndSettings: z.record(z.string(), z.unknown()).optional(),
  inboundDndSettings: z.record(z.string(), z.unknown()).optional(),
  tags: z.array(z.string()).optional(),
  customFields: z.array(customFieldInput).optional(),
  source: z.string().optional(),
  dateOfBirth: z.string().optional(),
  country: z.string().optional(),
  companyName: z.string().optional(),
  assignedTo: z.string().optional(),
}

export const createContactBody = z.strictObject(contactFields)
export type CreateContactBody = z.input<typeof createContactBody>

// UpdateContactDto has neither `gender` nor `companyName`.
const {
  gender: _gender,
  companyName: _companyName,
  ...updateFields
} = contactFields
export const updateContactBody = z.strictObject(updateFields)
export type UpdateContactBody = z.input<typeof updateContactBody>

export const upsertContactBody = z.strictObject({
  ...contactFields,
  createNewIfDuplicateAllowed: z.boolean().optional(),
})
export type UpsertContactBody = z.input<typeof upsertContactBody>

export const listContactsQuery = z.strictObject({
  startAfterId: z.string().optional(),
  startAfter: z.number().optional(),
  query: z.string().optional(),
  limit: z.number().int().min(1).max(100).optional(),
})
export type ListContactsQuery = z.input<typeof listContactsQuery>

// NOTE: the OpenAPI file lists no fields for this body; these follow the
// platform's search examples, and `locationId` is filled in by the client.
export const searchContactsBody = z.strictObject({
  query: z.string().optional(),
  page: z.number().int().min(1).optional(),
  pageLimit: z.number().int().min(1).max(500).optional(),
  searchAfter: z.array(z.unknown()).optional(),
  filters: z.array(z.unknown()).optional(),
  sort: z.array(z.unknown()).optional(),
})
export type SearchContactsBody = z.input<typeof searchContactsBody>

export const contactsPageSchema = z.looseObject({
  contacts: z.array(contactSchema),
  count: number,
  total: number,
})

export const contactResponse = z.looseObject({ contact: contactSchema })
export const upsertContactResponse = z.looseObject({
  new: flag,
  contact: contactSchema,
  traceId: text,
})
export const updateContactResponse = z.looseObject({
  succeded: flag,
  contact: contactSchema.nullish(),
})
// The platform spells this field `succeded`.
export const deleteContactResponse = z.looseObject({ succeded: flag })

export const tagsBody = z.strictObject({ tags: z.array(z.string()).min(1) })
export const tagsResponse = z.looseObject({ tags: texts })

export const noteSchema = z.looseObject({
  id: z.string(),
  body: text,
  userId: text,
  contactId: text,
  title: text,
  color: text,
  pinned: flag,
  dateAdded: text,
})
export type Note = z.infer<typeof noteSchema>

export const createNoteBody = z.strictObject({
  body: z.string().min(1),
  userId: z.string().optional(),
  title: z.string().optional(),
  color: z.string().optional(),
  pinned: z.boolean().optional(),
})
export type CreateNoteBody = z.input<typeof createNoteBody>

export const notesResponse = z.looseObject({ notes: z.array(noteSchema) })
export const noteResponse = z.looseObject({ note: noteSchema })

export const bulkTagsBody = z.strictObject({
  contacts: z.array(z.string()).min(1),
  tags: z.array(z.string()),
  removeAllTags: z.boolean().optional(),
})
export const bulkTagsResponse = z.looseObject({
  succeded: flag,
  errorCount: number,
  responses: z.array(z.unknown()).nullish(),
})

export const bulkBusinessBody = z.strictObject({
  ids: z.array(z.string()).min(1),
  businessId: z.string().nullable(),
})
export const bulkBusinessResponse = z.looseObject({
  success: flag,
  ids: texts,
})

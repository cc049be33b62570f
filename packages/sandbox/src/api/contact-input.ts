import { z } from 'zod'

const customField = z.strictObject({
  id: z.string().optional(),
  key: z.string().optional(),
  field_value: z.unknown(),
})

// The writable fields of the platform's contact DTOs. They are written from
// the OpenAPI file apart from core's client schemas on purpose, so a field
// that the client gets wrong fails against the sandbox.
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
  customFields: z.array(customField).optional(),
  source: z.string().optional(),
  dateOfBirth: z.string().optional(),
  country: z.string().optional(),
  companyName: z.string().optional(),
  assignedTo: z.string().optional(),
}

export const createContactInput = z.strictObject({
  ...contactFields,
  locationId: z.string().min(1),
})

export const upsertContactInput = z.strictObject({
  ...contactFields,
  locationId: z.string().min(1),
  createNewIfDuplicateAllowed: z.boolean().optional(),
})

const {
  gender: _gender,
  companyName: _companyName,
  ...updateFields
} = contactFields
export const updateContactInput = z.strictObject(updateFields)

export type ContactFields = z.infer<typeof updateContactInput> & {
  companyName?: string
}

export const listContactsInput = z.strictObject({
  locationId: z.string().min(1),
  startAfterId: z.string().optional(),
  startAfter: z.coerce.number().optional(),
  query: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

export const searchContactsInput = z.strictObject({
  locationId: z.string().min(1),
  query: z.string().optional(),
  page: z.number().int().min(1).default(1),
  pageLimit: z.number().int().min(1).max(500).default(20),
  searchAfter: z.array(z.unknown()).optional(),
  filters: z.array(z.unknown()).optional(),
  sort: z.array(z.unknown()).optional(),
})

export const tagsInput = z.strictObject({ tags: z.array(z.string()).min(1) })

export const noteInput = z.strictObject({
  body: z.string().min(1),
  userId: z.string().optional(),
  title: z.string().optional(),
  color: z.string().optional(),
  pinned: z.boolean().optional(),
})

export const bulkTagsInput = z.strictObject({
  contacts: z.array(z.string()).min(1),
  tags: z.array(z.string()),
  locationId: z.string().min(1),
  removeAllTags: z.boolean().optional(),
})

export const bulkBusinessInput = z.strictObject({
  locationId: z.string().min(1),
  ids: z.array(z.string()).min(1),
  businessId: z.string().nullable(),
})

export const noQuery = z.strictObject({})

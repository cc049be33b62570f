import { z } from 'zod'
import { apiVersion20210728, defineEndpoint } from '../api-endpoint.js'
import { flag, looseList, number, text } from '../response-fields.js'

export const locationSchema = z.looseObject({
  id: z.string(),
  companyId: text,
  name: text,
  domain: text,
  address: text,
  city: text,
  state: text,
  country: text,
  postalCode: text,
  website: text,
  timezone: text,
  firstName: text,
  lastName: text,
  email: text,
  phone: text,
  logoUrl: text,
  business: z.looseObject({}).nullish(),
  settings: z.looseObject({}).nullish(),
})
export type Location = z.infer<typeof locationSchema>

export const customFieldSchema = z.looseObject({
  id: z.string(),
  name: text,
  fieldKey: text,
  placeholder: text,
  dataType: text,
  position: number,
  picklistOptions: looseList(z.unknown()),
  isAllowedCustomOption: flag,
  isMultiFileAllowed: flag,
  maxFileLimit: number,
  locationId: text,
  model: text,
})
export type CustomField = z.infer<typeof customFieldSchema>

export const listCustomFieldsQuery = z.strictObject({
  model: z.enum(['contact', 'opportunity', 'all']).optional(),
})
export type ListCustomFieldsQuery = z.input<typeof listCustomFieldsQuery>

const common = {
  version: apiVersion20210728,
  inject: [{ in: 'path', name: 'locationId', from: 'resourceId' }],
} as const

/** Location endpoints, from the platform's locations OpenAPI file. */
export const locationEndpoints = {
  get: defineEndpoint({
    ...common,
    id: 'locations.get',
    method: 'GET',
    path: '/locations/{locationId}',
    tokenKinds: ['Location', 'Company'],
    scope: 'locations.readonly',
    response: z.looseObject({ location: locationSchema }),
    family: 'locations',
  }),
  listCustomFields: defineEndpoint({
    ...common,
    id: 'customFields.list',
    method: 'GET',
    path: '/locations/{locationId}/customFields',
    tokenKinds: ['Location'],
    scope: 'locations/customFields.readonly',
    query: listCustomFieldsQuery,
    response: z.looseObject({ customFields: z.array(customFieldSchema) }),
    family: 'customFields',
  }),
}

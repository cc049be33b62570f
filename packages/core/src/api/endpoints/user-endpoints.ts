import { z } from 'zod'
import { apiVersion20210728, defineEndpoint } from '../api-endpoint.js'
import { flag, text } from '../response-fields.js'

export const userSchema = z.looseObject({
  id: z.string(),
  name: text,
  firstName: text,
  lastName: text,
  email: text,
  phone: text,
  extension: text,
  deleted: flag,
  roles: z
    .looseObject({
      type: text,
      role: text,
      locationIds: z.array(z.string()).nullish(),
    })
    .nullish(),
  permissions: z.looseObject({}).nullish(),
})
export type User = z.infer<typeof userSchema>

/** User endpoints, from the platform's users OpenAPI file. */
export const userEndpoints = {
  listByLocation: defineEndpoint({
    id: 'users.list',
    method: 'GET',
    path: '/users/',
    version: apiVersion20210728,
    tokenKinds: ['Location'],
    scope: 'users.readonly',
    inject: [{ in: 'query', name: 'locationId', from: 'resourceId' }],
    response: z.looseObject({ users: z.array(userSchema) }),
    family: 'users',
  }),
}

import { z } from 'zod'
import { apiVersion20210728, defineEndpoint } from '../api-endpoint.js'
import { flag, number, text, texts } from '../response-fields.js'

const icon = z.strictObject({
  name: z.string().min(1),
  fontFamily: z.enum(['fab', 'fas', 'far']),
})

export const customMenuSchema = z.looseObject({
  id: z.string(),
  title: text,
  url: text,
  order: number,
  icon: z.looseObject({ name: text, fontFamily: text }).nullish(),
  showOnCompany: flag,
  showOnLocation: flag,
  showToAllLocations: flag,
  locations: texts,
  openMode: text,
  userRole: text,
  allowCamera: flag,
  allowMicrophone: flag,
})
export type CustomMenu = z.infer<typeof customMenuSchema>

const menuFields = {
  title: z.string().min(1),
  url: z.string().min(1),
  icon,
  showOnCompany: z.boolean(),
  showOnLocation: z.boolean(),
  showToAllLocations: z.boolean(),
  openMode: z.enum(['iframe', 'new_tab', 'current_tab']),
  locations: z.array(z.string()),
  userRole: z.enum(['all', 'admin', 'user']),
  allowCamera: z.boolean().optional(),
  allowMicrophone: z.boolean().optional(),
}

export const createCustomMenuBody = z.strictObject(menuFields)
export type CreateCustomMenuBody = z.input<typeof createCustomMenuBody>

export const updateCustomMenuBody = z.strictObject(menuFields).partial()
export type UpdateCustomMenuBody = z.input<typeof updateCustomMenuBody>

// `locationId` here filters the list; it is not the token's tenant.
export const listCustomMenusQuery = z.strictObject({
  locationId: z.string().optional(),
  skip: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).optional(),
  query: z.string().optional(),
  showOnCompany: z.boolean().optional(),
})
export type ListCustomMenusQuery = z.input<typeof listCustomMenusQuery>

const common = {
  version: apiVersion20210728,
  tokenKinds: ['Company'],
  inject: [],
  family: 'customMenus',
} as const
const read = { ...common, scope: 'custom-menu-link.readonly' } as const
const write = { ...common, scope: 'custom-menu-link.write' } as const
const menuResponse = z.looseObject({ customMenu: customMenuSchema })

/** Custom menu link endpoints, which take an agency's Company token. */
export const customMenuEndpoints = {
  list: defineEndpoint({
    ...read,
    id: 'customMenus.list',
    method: 'GET',
    path: '/custom-menus/',
    query: listCustomMenusQuery,
    response: z.looseObject({
      customMenus: z.array(customMenuSchema),
      totalLinks: number,
    }),
  }),
  get: defineEndpoint({
    ...read,
    id: 'customMenus.get',
    method: 'GET',
    path: '/custom-menus/{customMenuId}',
    response: menuResponse,
  }),
  create: defineEndpoint({
    ...write,
    id: 'customMenus.create',
    method: 'POST',
    path: '/custom-menus/',
    body: createCustomMenuBody,
    response: menuResponse,
  }),
  update: defineEndpoint({
    ...write,
    id: 'customMenus.update',
    method: 'PUT',
    path: '/custom-menus/{customMenuId}',
    body: updateCustomMenuBody,
    response: z.looseObject({
      success: flag,
      customMenu: customMenuSchema.nullish(),
    }),
  }),
  delete: defineEndpoint({
    ...write,
    id: 'customMenus.delete',
    method: 'DELETE',
    path: '/custom-menus/{customMenuId}',
    response: z.looseObject({
      success: flag,
      message: text,
      deletedMenuId: text,
      deletedAt: text,
    }),
  }),
}

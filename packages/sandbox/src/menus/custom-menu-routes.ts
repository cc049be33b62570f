import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { routeGrant } from '../routes/route-grant.js'
import type { AccessGrant } from '../sandbox-auth.js'
import type { SandboxContext } from '../sandbox-context.js'
import { platformId } from '../state/sandbox-ids.js'
import { type CustomMenuRecord, menuReply } from './menu-records.js'
import { sandboxMenus } from './sandbox-menus.js'

const menuFields = {
  title: z.string().min(1),
  url: z.string().min(1),
  icon: z.object({
    name: z.string().min(1),
    fontFamily: z.enum(['fab', 'fas', 'far']),
  }),
  showOnCompany: z.boolean(),
  showOnLocation: z.boolean(),
  showToAllLocations: z.boolean(),
  openMode: z.enum(['iframe', 'new_tab', 'current_tab']),
  locations: z.array(z.string()),
  userRole: z.enum(['all', 'admin', 'user']),
  allowCamera: z.boolean().optional(),
  allowMicrophone: z.boolean().optional(),
}
const createBody = z.strictObject(menuFields)
const updateBody = z.strictObject(menuFields).partial()

const listQuery = z.object({
  locationId: z.string().optional(),
  skip: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  query: z.string().optional(),
  showOnCompany: z.enum(['true', 'false']).optional(),
})

const notFound = {
  statusCode: 404,
  message: 'Custom menu not found',
  error: 'Not Found',
}

/**
 * Serves the custom-menus API: `GET/POST /custom-menus/` and
 * `GET/PUT/DELETE /custom-menus/{id}`, with an agency's Company token and
 * `Version: 2021-07-28`. Each app reads and changes only its own links.
 */
export function customMenuRoutes(
  server: FastifyInstance,
  context: SandboxContext,
): void {
  const menus = sandboxMenus(context)
  const guard = (
    request: FastifyRequest,
    reply: FastifyReply,
    write: boolean,
  ) =>
    routeGrant(request, reply, context, {
      userType: 'Company',
      scopes: write
        ? ['custom-menu-link.write']
        : ['custom-menu-link.readonly', 'custom-menu-link.write'],
      version: '2021-07-28',
    })

  for (const path of ['/custom-menus/', '/custom-menus']) {
    server.get(path, async (request, reply) => {
      const grant = guard(request, reply, false)
      if (grant === null) {
        return reply
      }
      const parsed = listQuery.safeParse(request.query ?? {})
      if (!parsed.success) {
        return unprocessable(reply, parsed.error)
      }
      const listed = filterMenus(
        menus.ofCompany(grant.companyId, grant.appId),
        parsed.data,
      )
      const page = listed.slice(
        parsed.data.skip,
        parsed.data.skip + parsed.data.limit,
      )
      return { customMenus: page.map(menuReply), totalLinks: listed.length }
    })

    server.post(path, async (request, reply) => {
      const grant = guard(request, reply, true)
      if (grant === null) {
        return reply
      }
      const parsed = createBody.safeParse(request.body)
      if (!parsed.success) {
        return unprocessable(reply, parsed.error)
      }
      const record = newMenu(context, grant, parsed.data, menus.nextOrder())
      menus.menus.set(record.id, record)
      context.logger.info(
        { appId: grant.appId, menuId: record.id },
        'custom menu created',
      )
      return reply.code(201).send({ customMenu: menuReply(record) })
    })
  }

  server.get('/custom-menus/:customMenuId', async (request, reply) => {
    const grant = guard(request, reply, false)
    if (grant === null) {
      return reply
    }
    const menu = ownMenu(request, grant)
    if (menu === undefined) {
      return reply.code(404).send(notFound)
    }
    return { customMenu: menuReply(menu) }
  })

  server.put('/custom-menus/:customMenuId', async (request, reply) => {
    const grant = guard(request, reply, true)
    if (grant === null) {
      return reply
    }
    const menu = ownMenu(request, grant)
    if (menu === undefined) {
      return reply.code(404).send(notFound)
    }
    const parsed = updateBody.safeParse(request.body)
    if (!parsed.success) {
      return unprocessable(reply, parsed.error)
    }

    const updated: CustomMenuRecord = {
      ...menu,
      ...parsed.data,
      updatedAt: new Date(context.clock.now()).toISOString(),
    }
    menus.menus.set(updated.id, updated)
    return { success: true, customMenu: menuReply(updated) }
  })

  server.delete('/custom-menus/:customMenuId', async (request, reply) => {
    const grant = guard(request, reply, true)
    if (grant === null) {
      return reply
    }
    const menu = ownMenu(request, grant)
    if (menu === undefined) {
      return reply.code(404).send(notFound)
    }

    menus.menus.delete(menu.id)
    return {
      success: true,
      message: 'Custom menu successfully deleted',
      deletedMenuId: menu.id,
      deletedAt: new Date(context.clock.now()).toISOString(),
    }
  })

  function ownMenu(request: FastifyRequest, grant: AccessGrant) {
    const { customMenuId } = request.params as { customMenuId: string }
    const menu = menus.menus.get(customMenuId)
    const owned =
      menu !== undefined &&
      menu.appId === grant.appId &&
      menu.companyId === grant.companyId
    return owned ? menu : undefined
  }
}

function newMenu(
  context: SandboxContext,
  grant: AccessGrant,
  body: z.infer<typeof createBody>,
  order: number,
): CustomMenuRecord {
  const now = new Date(context.clock.now()).toISOString()
  return {
    id: platformId(),
    appId: grant.appId,
    companyId: grant.companyId,
    ...body,
    order,
    allowCamera: body.allowCamera ?? false,
    allowMicrophone: body.allowMicrophone ?? false,
    createdAt: now,
    updatedAt: now,
  }
}

function filterMenus(
  menus: CustomMenuRecord[],
  query: z.infer<typeof listQuery>,
): CustomMenuRecord[] {
  return menus.filter((menu) => {
    if (
      query.query !== undefined &&
      !menu.title.toLowerCase().includes(query.query.toLowerCase())
    ) {
      return false
    }
    if (query.locationId !== undefined) {
      return (
        menu.showOnLocation &&
        (menu.showToAllLocations || menu.locations.includes(query.locationId))
      )
    }
    if (query.showOnCompany !== undefined) {
      return menu.showOnCompany === (query.showOnCompany === 'true')
    }
    return true
  })
}

function unprocessable(reply: FastifyReply, error: z.ZodError) {
  return reply.code(422).send({
    statusCode: 422,
    message: error.issues.map(
      (issue) => `${issue.path.join('.')} ${issue.message}`,
    ),
    error: 'Unprocessable Entity',
  })
}

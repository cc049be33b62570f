import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import { findWhitelabelDomain } from '@hoopkit/api'
import { appIdFromClientId, HoopkitError } from '@hoopkit/core'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../services.js'
import { framedHtml } from '../ui/framed-html.js'

/** The framed pages of each built UI, by route under its prefix. */
const widgetPages: Record<string, string> = {
  contact: 'contact.html',
  dashboard: 'dashboard.html',
}

/**
 * Serves the built custom page at `/pages/` and the widgets at
 * `/widgets/`, with a `frame-ancestors` policy that lets the platform and
 * the install's white-label domain frame them. The install is found from
 * the `locationId` or `companyId` query variable of the menu link.
 */
export async function uiRoutes(
  server: FastifyInstance,
  services: Services,
): Promise<void> {
  const { customPageDir, widgetsDir } = services.ui
  await serveAssets(server, '/pages/assets/', join(customPageDir, 'assets'))
  await serveAssets(server, '/widgets/assets/', join(widgetsDir, 'assets'))

  server.get('/widgets/loader.js', async (_request, reply) => {
    const file = join(widgetsDir, 'loader.js')
    if (!existsSync(file)) {
      return notBuilt(reply, '@hoopkit/widgets')
    }
    return reply
      .header('cache-control', 'no-cache')
      .type('text/javascript; charset=utf-8')
      .send(await readFile(file, 'utf8'))
  })

  server.get('/widgets/:widget', async (request, reply) => {
    const { widget } = request.params as { widget: string }
    const page = widgetPages[widget]
    if (page === undefined) {
      const error = new HoopkitError(
        'UI_PAGE_NOT_FOUND',
        `widgets: no widget "${widget}": expected one of ` +
          Object.keys(widgetPages).join(', '),
      )
      return reply.code(error.status).send({ error: error.toJSON() })
    }
    return sendFramed(request, reply, services, join(widgetsDir, page))
  })

  const customPage = join(customPageDir, 'index.html')
  server.get('/pages', (request, reply) =>
    sendFramed(request, reply, services, customPage),
  )
  server.get('/pages/*', (request, reply) =>
    sendFramed(request, reply, services, customPage),
  )
}

async function serveAssets(
  server: FastifyInstance,
  prefix: string,
  root: string,
): Promise<void> {
  // The route is registered even while the folder is missing, because
  // `hoopkit dev` starts the backend before the first UI build writes it.
  // Built asset names carry a content hash, so they never change.
  await server.register(fastifyStatic, {
    root,
    prefix,
    decorateReply: !server.hasReplyDecorator('sendFile'),
    immutable: true,
    maxAge: '365d',
  })
}

async function sendFramed(
  request: FastifyRequest,
  reply: FastifyReply,
  services: Services,
  file: string,
): Promise<FastifyReply> {
  if (!existsSync(file)) {
    return notBuilt(
      reply,
      file.includes('widgets') ? '@hoopkit/widgets' : '@hoopkit/custom-page',
    )
  }

  const domain = await whitelabelDomain(request, services)
  const frameAncestors = services.ui.frameAncestors
  const html = await framedHtml(file, frameAncestors.allowedOrigins(domain))
  return reply
    .header('content-security-policy', frameAncestors.framedPolicy(domain))
    .header('cache-control', 'no-cache')
    .type('text/html; charset=utf-8')
    .send(html)
}

async function whitelabelDomain(
  request: FastifyRequest,
  services: Services,
): Promise<string | null> {
  const query = request.query as Record<string, unknown>
  const locationId = textOrNull(query['locationId'])
  const companyId = textOrNull(query['companyId'])

  const appId = appIdFromClientId(services.env.HOOPAI_CLIENT_ID)
  return findWhitelabelDomain(services.database, appId, {
    locationId,
    companyId,
  })
}

// Menu link variables the platform could not fill arrive as "" or as the
// raw template, such as "{{location.id}}".
function textOrNull(value: unknown): string | null {
  if (typeof value !== 'string' || value === '' || value.includes('{{')) {
    return null
  }
  return value
}

function notBuilt(reply: FastifyReply, app: string): FastifyReply {
  const error = new HoopkitError(
    'UI_NOT_BUILT',
    `ui: ${app} is not built: run \`pnpm --filter ${app} build\`, or ` +
      '`pnpm dev`, which builds it',
  )
  return reply.code(error.status).send({ error: error.toJSON() })
}

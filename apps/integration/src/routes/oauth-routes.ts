import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  installErrorStatus,
  renderInstallErrorPage,
} from '../oauth/install-error-page.js'
import { renderOnboardingPage } from '../oauth/onboarding-page.js'
import { findResourceName } from '../oauth/resource-name.js'
import type { Services } from '../services.js'

const htmlType = 'text/html; charset=utf-8'

/**
 * `GET /oauth/callback` finishes an install and shows what was set up, and
 * `GET /oauth/install` sends the browser to the platform's consent page.
 */
export function oauthRoutes(server: FastifyInstance, services: Services) {
  server.get('/oauth/install', async (_request, reply) => {
    return reply.redirect(services.installUrl)
  })

  // Fastify logs each request's URL at info level, and this URL carries the
  // authorization code, so the route logs only warnings and its own line.
  server.get('/oauth/callback', { logLevel: 'warn' }, (request, reply) =>
    handleCallback(services, request, reply),
  )
}

async function handleCallback(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const query = request.query as Record<string, unknown>
  const code = typeof query['code'] === 'string' ? query['code'] : undefined
  const outcome = await services.oauth.callback.handle({ code })
  noStore(reply)

  if (!outcome.ok) {
    services.logger.warn(
      { reqId: request.id, code: outcome.error.code },
      'install callback failed',
    )
    return reply
      .code(installErrorStatus(outcome.error))
      .type(htmlType)
      .send(renderInstallErrorPage(outcome.error))
  }

  const { install } = outcome
  services.logger.info(
    { reqId: request.id, resourceId: install.resourceId },
    'install callback succeeded',
  )
  return reply.type(htmlType).send(
    renderOnboardingPage({
      appName: services.declaration.name,
      install,
      resourceName: await findResourceName(services, install),
      recentEvents: (
        await services.webhooks.inbox.recent(install.resourceId, 5)
      ).map((event) => ({
        type: event.type,
        receivedAt: Number(event.received_at),
      })),
    }),
  )
}

/** The callback URL carries a code, so neither caches nor referrers get it. */
function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store')
  reply.header('referrer-policy', 'no-referrer')
}

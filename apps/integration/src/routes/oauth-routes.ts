import type { FastifyInstance, FastifyReply } from 'fastify'
import {
  installErrorStatus,
  renderInstallErrorPage,
} from '../oauth/install-error-page.js'
import { renderOnboardingPage } from '../oauth/onboarding-page.js'
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

  server.get('/oauth/callback', async (request, reply) => {
    const query = request.query as Record<string, unknown>
    const code = typeof query['code'] === 'string' ? query['code'] : undefined
    const outcome = await services.oauth.callback.handle({ code })
    noStore(reply)

    if (!outcome.ok) {
      return reply
        .code(installErrorStatus(outcome.error))
        .type(htmlType)
        .send(renderInstallErrorPage(outcome.error))
    }

    const { install } = outcome
    const record = await services.oauth.installs.get(
      install.appId,
      install.resourceId,
    )
    return reply.type(htmlType).send(
      renderOnboardingPage({
        appName: services.declaration.name,
        install,
        resourceName: record?.companyName ?? null,
      }),
    )
  })
}

/** The callback URL carries a code, so neither caches nor referrers get it. */
function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store')
  reply.header('referrer-policy', 'no-referrer')
}

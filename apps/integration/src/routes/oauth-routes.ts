import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  type ConsentError,
  consentErrorStatus,
  isConsentDenied,
  readConsentError,
} from '../oauth/consent-error.js'
import { renderConsentErrorPage } from '../oauth/consent-error-page.js'
import {
  installErrorStatus,
  renderInstallErrorPage,
} from '../oauth/install-error-page.js'
import { renderOnboardingPage } from '../oauth/onboarding-page.js'
import { findRecentEvents } from '../oauth/recent-install-events.js'
import { findResourceName } from '../oauth/resource-name.js'
import type { Services } from '../services.js'

const htmlType = 'text/html; charset=utf-8'

/**
 * `GET /oauth/callback` finishes an install and shows what was set up, or
 * shows the cancelled install when the platform sends `?error=`, and
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
  noStore(reply)
  // An error response carries no usable code, so nothing is exchanged.
  const consentError = readConsentError(query)
  if (consentError !== undefined) {
    return showConsentError(services, request, reply, consentError)
  }

  const code = typeof query['code'] === 'string' ? query['code'] : undefined
  const outcome = await services.oauth.callback.handle({ code })

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
      recentEvents: await findRecentEvents(services, install),
    }),
  )
}

function showConsentError(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  consentError: ConsentError,
): FastifyReply {
  const fields = {
    reqId: request.id,
    // pino-pretty treats an `error` key as an error object and leaves a
    // string there out of its lines, so the OAuth code gets its own key.
    oauthError: consentError.error,
    description: consentError.description,
  }
  if (isConsentDenied(consentError)) {
    services.logger.info(fields, 'install cancelled at the consent page')
  } else {
    services.logger.warn(
      fields,
      'install callback got an error from the platform',
    )
  }
  return reply
    .code(consentErrorStatus(consentError))
    .type(htmlType)
    .send(renderConsentErrorPage(services.declaration.name, consentError))
}

/** The callback URL carries a code, so neither caches nor referrers get it. */
function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store')
  reply.header('referrer-policy', 'no-referrer')
}

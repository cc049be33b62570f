import { findActiveInstall } from '@hoopkit/api'
import { appIdFromClientId, HoopkitError, readSsoPayload } from '@hoopkit/core'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { z } from 'zod'
import type { Services } from '../services.js'

const sessionRequestSchema = z.object({
  payload: z.string().min(1).max(16_384),
})

/**
 * `POST /sso/session` exchanges the encrypted SSO payload for a session
 * token that the UI keeps in memory and sends as `Authorization: Bearer`.
 * The route sets no cookie and never redirects, so it works in frames where
 * the browser drops third-party cookies.
 */
export function ssoRoutes(server: FastifyInstance, services: Services): void {
  const appId = appIdFromClientId(services.env.HOOPAI_CLIENT_ID)

  server.post('/sso/session', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    const cipher = services.ui.ssoCipher
    if (cipher === null) {
      request.log.error('sso exchange failed: HOOPAI_SSO_KEY is not set')
      return sendError(
        reply,
        new HoopkitError(
          'CONFIG_INVALID',
          'sso: HOOPAI_SSO_KEY is not set: generate the Shared Secret in ' +
            'the developer portal and set it on the backend',
        ),
      )
    }

    const body = sessionRequestSchema.safeParse(request.body)
    if (!body.success) {
      request.log.warn('sso exchange rejected: malformed request body')
      return sendError(
        reply,
        new HoopkitError(
          'SSO_PAYLOAD_INVALID',
          'sso: expected a JSON body {"payload": "<encrypted string>"}, ' +
            'got none or another shape',
        ),
      )
    }

    const read = readSsoPayload(cipher, body.data.payload)
    if (!read.ok) {
      request.log.warn({ code: read.error.code }, 'sso payload rejected')
      return sendError(reply, read.error)
    }

    const context = read.context
    const install = await findActiveInstall(services.database, appId, context)
    if (install === undefined) {
      request.log.warn(
        { companyId: context.companyId, locationId: context.locationId },
        'sso exchange for a tenant without an active install',
      )
      return sendError(
        reply,
        new HoopkitError(
          'INSTALL_NOT_FOUND',
          `sso: the app is not installed for location ` +
            `${context.locationId ?? '(none)'} or company ` +
            `${context.companyId ?? '(none)'}: install it from the ` +
            'marketplace first',
        ),
      )
    }

    const { token, session } = await services.ui.sessions.issue(context)
    return reply.send({ token, expiresAt: session.expiresAt, context })
  })

  // Returns the session of a bearer token, so a page can check its token
  // and tenant without a tRPC client.
  server.get('/sso/session', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    const verified = await services.ui.sessions.verify(
      request.headers.authorization,
    )
    if (!verified.ok) {
      return sendError(
        reply,
        new HoopkitError('SESSION_INVALID', verified.message, {
          details: { reason: verified.reason },
        }),
      )
    }
    return reply.send({ session: verified.session })
  })
}

function sendError(reply: FastifyReply, error: HoopkitError): FastifyReply {
  return reply.code(error.status).send({ error: error.toJSON() })
}

import type { FastifyInstance } from 'fastify'
import type { SandboxContext } from '../sandbox-context.js'

const forbidden = {
  statusCode: 403,
  message: 'The token does not have access to this location',
  error: 'Forbidden',
}

/**
 * `DELETE /marketplace/app/{appId}/installations`: the app uninstalls
 * itself from a sub-account (`locationId`) or an agency (`companyId`).
 * The token must be the app's own, for that resource or its agency.
 */
export function appUninstallRoutes(
  server: FastifyInstance,
  context: SandboxContext,
): void {
  server.delete<{ Params: { appId: string } }>(
    '/marketplace/app/:appId/installations',
    async (request, reply) => {
      const auth = context.auth.authenticate(request.headers.authorization)
      if (!auth.ok) {
        return reply.code(401).send(auth.failure.body)
      }

      const { grant } = auth
      const body = (request.body ?? {}) as Record<string, unknown>
      const locationId =
        typeof body['locationId'] === 'string' ? body['locationId'] : null
      const companyId =
        typeof body['companyId'] === 'string' ? body['companyId'] : null
      const resourceId =
        locationId ?? companyId ?? grant.locationId ?? grant.companyId
      const mayUninstall =
        request.params.appId === grant.appId &&
        (grant.userType === 'Company'
          ? context.installs.find(grant.appId, resourceId)?.companyId ===
            grant.companyId
          : resourceId === grant.locationId)
      if (!mayUninstall || !grant.scopes.includes('oauth.write')) {
        return reply.code(403).send(forbidden)
      }

      const removed = context.installFlow.uninstall(grant.appId, resourceId, {
        sendWebhook: context.behaviour.uninstallWebhookAfterAppUninstall,
      })
      if (!removed) {
        return reply.code(404).send({
          statusCode: 404,
          message: `The app is not installed on ${resourceId}`,
        })
      }
      return reply.send({ success: true })
    },
  )
}

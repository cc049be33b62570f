import type { FastifyInstance } from 'fastify'
import { routeGrant } from '../routes/route-grant.js'
import type { SandboxContext } from '../sandbox-context.js'
import { sandboxBilling } from './sandbox-billing.js'

/**
 * `GET /marketplace/app/{appId}/rebilling-config/location/{locationId}`:
 * the plans and usage meters an app sells, with the location's prices.
 */
export function rebillingRoutes(
  server: FastifyInstance,
  context: SandboxContext,
): void {
  const billing = sandboxBilling(context)

  server.get(
    '/marketplace/app/:appId/rebilling-config/location/:locationId',
    async (request, reply) => {
      const grant = routeGrant(request, reply, context, {
        userType: 'Location',
        scopes: ['oauth.readonly', 'oauth.write'],
        version: '2021-07-28',
      })
      if (grant === null) {
        return reply
      }

      const params = request.params as { appId: string; locationId: string }
      if (
        params.appId !== grant.appId ||
        params.locationId !== grant.locationId
      ) {
        return reply.code(403).send({
          statusCode: 403,
          message: 'The token does not have access to this location',
          error: 'Forbidden',
        })
      }

      const config = billing.appBilling(grant.appId)
      return {
        plans: {
          subscription: config?.plans ?? [],
          usage: config?.meters ?? [],
        },
      }
    },
  )
}

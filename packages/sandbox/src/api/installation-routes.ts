import { sandboxBilling } from '../billing/sandbox-billing.js'
import { servedWhitelabelDomain } from '../framing/whitelabel-host.js'
import { routeGrant } from '../routes/route-grant.js'
import type { SandboxModule } from '../sandbox-module.js'
import { notFound } from './platform-input.js'

/**
 * `GET /marketplace/app/{appId}/installations`: the install behind the
 * caller's token, which may be a Location or a Company token.
 */
export const installationRoutes: SandboxModule = (server, context) => {
  server.get<{ Params: { appId: string } }>(
    '/marketplace/app/:appId/installations',
    async (request, reply) => {
      const auth = context.auth.authenticate(request.headers.authorization)
      const grant = routeGrant(request, reply, context, {
        userType: auth.ok ? auth.grant.userType : 'Location',
        scopes: ['marketplace-installer-details.readonly'],
        version: '2021-07-28',
      })
      if (!grant) return reply
      if (request.params.appId !== grant.appId) {
        return reply.code(403).send({
          statusCode: 403,
          message: 'The token does not belong to this app',
          error: 'Forbidden',
        })
      }

      const resourceId = grant.locationId ?? grant.companyId
      const install = context.installs.find(grant.appId, resourceId)
      const company = context.state.companies.get(grant.companyId)
      if (!install || !company) return notFound(reply, 'Installation not found')

      const owner = context.state.users.get(install.userId)
      const domain = servedWhitelabelDomain(
        company.whitelabelDomain,
        context.baseUrl(),
      )
      return {
        installationDetails: {
          companyId: company.id,
          ...(grant.locationId ? { locationId: grant.locationId } : {}),
          companyName: company.name,
          companyEmail: company.email,
          companyOwnerFullName: owner?.name ?? '',
          relationshipNumber: `R-${company.id.slice(-6)}`,
          userId: install.userId,
          isWhitelabelCompany: domain !== null,
          whitelabelDetails: domain ? { domain, logoUrl: '' } : {},
          marketplaceAppPlanId: sandboxBilling(context).planOf(
            grant.appId,
            resourceId,
          ),
        },
      }
    },
  )
}

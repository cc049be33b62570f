import { z } from 'zod'
import { servedWhitelabelDomain } from '../framing/whitelabel-host.js'
import { routeGrant } from '../routes/route-grant.js'
import type { SandboxModule } from '../sandbox-module.js'
import { apiRecords } from './api-records.js'
import { denyLocation, notFound, platformInput } from './platform-input.js'

const version = '2021-07-28'
type Params = { locationId: string }

const customFieldsQuery = z.strictObject({
  model: z.enum(['contact', 'opportunity', 'all']).optional(),
})

/**
 * `GET /locations/{locationId}`, which takes a Location or Company token,
 * and `GET /locations/{locationId}/customFields`. Both take the location
 * id in the path only, so a `locationId` query gets 422.
 */
export const locationRoutes: SandboxModule = (server, context) => {
  server.get<{ Params: Params }>(
    '/locations/:locationId',
    async (request, reply) => {
      const auth = context.auth.authenticate(request.headers.authorization)
      const userType = auth.ok ? auth.grant.userType : 'Location'
      const grant = routeGrant(request, reply, context, {
        userType,
        scopes: ['locations.readonly', 'locations.write'],
        version,
      })
      if (!grant || !platformInput(z.strictObject({}), request.query, reply))
        return reply

      const location = context.state.locations.get(request.params.locationId)
      const allowed =
        grant.userType === 'Location'
          ? grant.locationId === request.params.locationId
          : location?.companyId === grant.companyId
      if (!allowed) return denyLocation(reply)
      if (!location) return notFound(reply, 'Location not found')

      const company = context.state.companies.get(location.companyId)
      const address = {
        address: location.address,
        city: location.city,
        state: location.state,
        country: location.country,
        postalCode: location.postalCode,
        website: location.website,
        timezone: location.timezone,
      }
      return {
        location: {
          id: location.id,
          companyId: location.companyId,
          name: location.name,
          domain: servedWhitelabelDomain(
            company?.whitelabelDomain ?? null,
            context.baseUrl(),
          ),
          ...address,
          email: location.email,
          phone: location.phone,
          // BusinessSchema in the spec repeats the name and address fields.
          business: { name: location.name, ...address },
        },
      }
    },
  )

  server.get<{ Params: Params }>(
    '/locations/:locationId/customFields',
    async (request, reply) => {
      const grant = routeGrant(request, reply, context, {
        userType: 'Location',
        scopes: [
          'locations/customFields.readonly',
          'locations/customFields.write',
        ],
        version,
      })
      const query =
        grant && platformInput(customFieldsQuery, request.query, reply)
      if (!grant || !query) return reply
      if (grant.locationId !== request.params.locationId)
        return denyLocation(reply)

      const model = query.model ?? 'all'
      const customFields = apiRecords(context)
        .customFieldsOf(request.params.locationId)
        .filter((field) => model === 'all' || field.model === model)
      return { customFields }
    },
  )
}

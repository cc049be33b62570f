import { z } from 'zod'
import { routeGrant } from '../routes/route-grant.js'
import type { SandboxModule } from '../sandbox-module.js'
import type { User } from '../state/entities.js'
import { denyLocation, platformInput } from './platform-input.js'

const listQuery = z.strictObject({ locationId: z.string().min(1) })

/** `GET /users/?locationId=…`: the users of one sub-account. */
export const userRoutes: SandboxModule = (server, context) => {
  server.get('/users/', async (request, reply) => {
    const grant = routeGrant(request, reply, context, {
      userType: 'Location',
      scopes: ['users.readonly', 'users.write'],
      version: '2021-07-28',
    })
    const query = grant && platformInput(listQuery, request.query, reply)
    if (!grant || !query) return reply
    if (query.locationId !== grant.locationId) return denyLocation(reply)

    const users = [...context.state.users.values()]
      .filter((user) => user.locationIds.includes(query.locationId))
      .map(userView)
    return { users }
  })
}

function userView(user: User) {
  return {
    id: user.id,
    name: user.name,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    phone: user.phone,
    extension: '',
    deleted: false,
    roles: {
      type: user.type,
      role: user.role,
      locationIds: user.locationIds,
    },
    permissions: {},
  }
}

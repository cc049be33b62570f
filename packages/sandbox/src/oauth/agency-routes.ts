import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { sandboxBilling } from '../billing/sandbox-billing.js'
import { routeGrant } from '../routes/route-grant.js'
import type { AccessGrant } from '../sandbox-auth.js'
import type { SandboxContext } from '../sandbox-context.js'
import { installedLocationsBody } from './installed-locations.js'
import type { TokenIssuer } from './token-issuer.js'

const apiVersion = '2021-07-28'

/**
 * Registers the OAuth routes that take an agency's Company token:
 * `POST /oauth/locationToken` and `GET /oauth/installedLocations`.
 */
export function agencyRoutes(
  server: FastifyInstance,
  context: SandboxContext,
  issuer: TokenIssuer,
): void {
  server.post('/oauth/locationToken', async (request, reply) => {
    const grant = routeGrant(request, reply, context, {
      userType: 'Company',
      scopes: ['oauth.write'],
      version: apiVersion,
    })
    if (grant === null) {
      return reply
    }
    return mintLocationToken({ request, reply, context, issuer, grant })
  })

  server.get('/oauth/installedLocations', async (request, reply) => {
    const grant = routeGrant(request, reply, context, {
      userType: 'Company',
      scopes: ['oauth.readonly', 'oauth.write'],
      version: apiVersion,
    })
    if (grant === null) {
      return reply
    }

    const query = request.query as Record<string, string | undefined>
    const result = installedLocationsBody(query, grant, context)
    if (!result.ok) {
      return reply.code(result.statusCode).send(result.body)
    }
    return reply.send(result.body)
  })
}

interface MintOptions {
  request: FastifyRequest
  reply: FastifyReply
  context: SandboxContext
  issuer: TokenIssuer
  grant: AccessGrant
}

async function mintLocationToken(options: MintOptions) {
  const { request, reply, context, issuer, grant } = options
  const body = (request.body ?? {}) as Record<string, unknown>
  const missing = ['companyId', 'locationId'].filter(
    (name) => typeof body[name] !== 'string' || body[name] === '',
  )
  if (missing.length > 0) {
    return reply.code(422).send({
      statusCode: 422,
      message: missing.map((name) => `${name} should not be empty`),
      error: 'Unprocessable Entity',
      traceId: randomUUID(),
    })
  }

  const companyId = String(body['companyId'])
  const locationId = String(body['locationId'])
  const install = context.installs.find(grant.appId, locationId)
  if (companyId !== grant.companyId || install?.companyId !== companyId) {
    return reply.code(400).send({
      statusCode: 400,
      message: `The app is not installed on location ${locationId}`,
    })
  }

  const locationGrant: AccessGrant = {
    ...grant,
    userType: 'Location',
    locationId,
    userId: install.userId,
  }
  const planId = sandboxBilling(context).planOf(grant.appId, locationId)
  const details = {
    versionId: install.versionId,
    planId,
    isBulkInstallation: false,
    approveAllLocations: false,
    installToFutureLocations: false,
    approvedLocations: [],
  }
  const { refreshTokenId: _id, ...tokens } = await issuer.issue(
    locationGrant,
    details,
    context.behaviour.locationTokenLifetimeSeconds,
  )
  context.activity.add({
    at: new Date(context.clock.now()).toISOString(),
    kind: 'token',
    appId: grant.appId,
    summary: `Location token minted for ${locationId}`,
  })
  return reply.send({
    ...tokens,
    locationId,
    companyId,
    userId: install.userId,
    ...(planId === null ? {} : { planId }),
    appId: grant.appId,
    versionId: install.versionId,
    userType: 'Location',
    traceId: randomUUID(),
  })
}

import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { sandboxBilling } from '../billing/sandbox-billing.js'
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
    const grant = companyGrant(request, reply, context, ['oauth.write'])
    if (grant === null) {
      return reply
    }
    return mintLocationToken({ request, reply, context, issuer, grant })
  })

  server.get('/oauth/installedLocations', async (request, reply) => {
    const grant = companyGrant(request, reply, context, [
      'oauth.readonly',
      'oauth.write',
    ])
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

/**
 * Checks the bearer token, the `Version` header, the token kind and that
 * the token has one of `scopes`, and sends the platform's error when one
 * fails. Returns the Company grant, or `null` after an error was sent.
 */
function companyGrant(
  request: FastifyRequest,
  reply: FastifyReply,
  context: SandboxContext,
  scopes: string[],
): AccessGrant | null {
  const auth = context.auth.authenticate(request.headers.authorization)
  if (!auth.ok) {
    void reply.code(401).send(auth.failure.body)
    return null
  }

  const version = request.headers['version']
  if (version !== apiVersion) {
    const message =
      version === 'v3'
        ? `This route is not available in API version v3: send Version: ${apiVersion}`
        : `Version header is missing or invalid: send Version: ${apiVersion}`
    void reply.code(400).send({ statusCode: 400, message })
    return null
  }

  if (auth.grant.userType !== 'Company') {
    void reply.code(403).send(forbidden)
    return null
  }
  if (!scopes.some((scope) => auth.grant.scopes.includes(scope))) {
    void reply.code(401).send({
      statusCode: 401,
      message: 'The token is not authorized for this scope.',
      error: 'Unauthorized',
    })
    return null
  }
  return auth.grant
}

const forbidden = {
  statusCode: 403,
  message: 'The token does not have access to this location',
  error: 'Forbidden',
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

import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AccessGrant } from '../sandbox-auth.js'
import type { SandboxContext } from '../sandbox-context.js'

export interface GrantRequirements {
  /** The token kind the route takes. */
  userType: 'Company' | 'Location'
  /** The token needs one of these scopes. */
  scopes: readonly string[]
  /**
   * The `Version` header the route requires, or `null` when the route
   * takes any value or none.
   */
  version: string | null
}

/**
 * Checks an API request's bearer token, `Version` header, token kind and
 * scopes, in the platform's order, and sends the platform's error when one
 * fails. Returns the grant, or `null` after an error reply was sent.
 */
export function routeGrant(
  request: FastifyRequest,
  reply: FastifyReply,
  context: SandboxContext,
  requirements: GrantRequirements,
): AccessGrant | null {
  const auth = context.auth.authenticate(request.headers.authorization)
  if (!auth.ok) {
    void reply.code(401).send(auth.failure.body)
    return null
  }

  const version = request.headers['version']
  if (requirements.version !== null && version !== requirements.version) {
    const message =
      version === 'v3'
        ? 'This route is not available in API version v3: send ' +
          `Version: ${requirements.version}`
        : 'Version header is missing or invalid: send Version: ' +
          requirements.version
    void reply.code(400).send({ statusCode: 400, message })
    return null
  }

  if (auth.grant.userType !== requirements.userType) {
    const resource =
      requirements.userType === 'Location' ? 'location' : 'company'
    void reply.code(403).send({
      statusCode: 403,
      message: `The token does not have access to this ${resource}`,
      error: 'Forbidden',
    })
    return null
  }

  if (!requirements.scopes.some((scope) => auth.grant.scopes.includes(scope))) {
    const status = context.behaviour.scopeRejectionStatus
    void reply.code(status).send({
      statusCode: status,
      message: 'The token is not authorized for this scope.',
      error: status === 403 ? 'Forbidden' : 'Unauthorized',
    })
    return null
  }
  return auth.grant
}

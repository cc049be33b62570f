import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { SandboxContext } from '../sandbox-context.js'

/**
 * `POST /oauth/reconnect`, which a help article documents but which has
 * responded that it was removed. By default the sandbox responds the same.
 * With `reconnect: 'available'` it returns a new authorization code for
 * an existing install.
 */
export function reconnectRoutes(
  server: FastifyInstance,
  context: SandboxContext,
): void {
  server.post('/oauth/reconnect', async (request, reply) => {
    if (context.behaviour.reconnect === 'removed') {
      return reply
        .code(404)
        .send({ statusCode: 404, message: 'API endpoint has been removed' })
    }

    const body = (request.body ?? {}) as Record<string, unknown>
    const app = context.state.appByClientId(String(body['clientKey'] ?? ''))
    if (app === undefined || body['clientSecret'] !== app.clientSecret) {
      return reply.code(401).send({
        statusCode: 401,
        message: 'Invalid client: client credentials are invalid',
        error: 'Unauthorized',
      })
    }

    const resourceId = String(body['locationId'] ?? body['companyId'] ?? '')
    const code = context.installFlow.reconnect(app, resourceId)
    if (code === null) {
      return reply.code(400).send({
        statusCode: 400,
        message: `The app is not installed on ${resourceId || '(none)'}`,
      })
    }
    return reply.send({
      authorizationCode: code.code,
      expiresAt: new Date(code.expiresAt).toISOString(),
      traceId: randomUUID(),
    })
  })
}

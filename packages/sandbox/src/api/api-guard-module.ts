import type { FastifyReply, FastifyRequest } from 'fastify'
import { resourceIdOf } from '../oauth/token-store.js'
import type { SandboxContext } from '../sandbox-context.js'
import type { SandboxModule } from '../sandbox-module.js'
import type { FaultRule } from './sandbox-faults.js'

const tooManyRequests = { statusCode: 429, message: 'Too Many Requests' }

/**
 * Counts every request that carries a valid bearer token against its
 * (app, resource) bucket, token calls and rejected ones included. It sends
 * the `X-RateLimit-*` headers, replies 429 past either limit and applies
 * the injected faults. It runs before any route, so every module's API
 * routes are limited alike.
 * NOTE: `POST /oauth/token` carries no bearer token, so it counts against
 * no bucket, although the platform may count it.
 */
export const apiGuardModule: SandboxModule = (server, context) => {
  server.addHook('onRequest', async (request, reply) => {
    const auth = context.auth.authenticate(request.headers.authorization)
    if (!auth.ok) {
      return
    }

    const path = request.url.split('?')[0] ?? request.url
    const bucket = `${auth.grant.appId}:${resourceIdOf(auth.grant)}`
    const { limits } = context.api
    const admission = limits.admit(bucket, request.method, path)
    reply.raw.once('finish', () => {
      admission.request.status = reply.statusCode
    })

    if (!admission.ok || limits.settings.headersOnEveryResponse) {
      void reply.headers(admission.headers)
    }
    if (!admission.ok) {
      return reply.code(429).send(tooManyRequests)
    }

    const fault = context.api.faults.take(request.method, path)
    if (fault) {
      return applyFault(fault, request, reply, context)
    }
  })
}

async function applyFault(
  fault: FaultRule,
  request: FastifyRequest,
  reply: FastifyReply,
  context: SandboxContext,
): Promise<FastifyReply | undefined> {
  if (fault.kind === 'latency') {
    await context.clock.sleep(fault.latencyMs ?? 1_000)
    return undefined
  }

  if (fault.kind === 'drop') {
    reply.hijack()
    request.raw.socket.destroy()
    return reply
  }

  if (fault.kind === 'rate-limit') {
    void reply.header('X-RateLimit-Remaining', '0')
    if (fault.daily) {
      void reply.header('X-RateLimit-Daily-Remaining', '0')
    }
    return reply.code(429).send(tooManyRequests)
  }

  const status = fault.status ?? 500
  return reply.code(status).send({
    statusCode: status,
    message: status >= 500 ? 'Internal Server Error' : 'Injected fault',
  })
}

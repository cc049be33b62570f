import { webhookPlugin } from '@hoopkit/core'
import type { FastifyInstance } from 'fastify'
import type { Services } from '../services.js'

/**
 * Mounts `POST /webhooks`, or the path of the declaration's webhook URL. The
 * plugin reads the raw body in its own scope, so the server's JSON parser
 * never parses webhook bytes.
 */
export async function webhookRoutes(
  server: FastifyInstance,
  services: Services,
) {
  const declared = services.declaration.webhook.url
  const path = new URL(declared, 'http://localhost').pathname
  await server.register(webhookPlugin, {
    receiver: services.webhooks.receiver,
    path,
  })
  // Started only when the server is ready, so every area has registered its
  // handlers before the worker runs events left from an earlier run.
  server.addHook('onReady', async () => {
    services.webhooks.start()
  })
}

import { endKeepAliveOnClose } from '@hoopkit/core'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { routeModules } from './routes/index.js'
import type { Services } from './services.js'

/** Builds the backend's HTTP server with every route module registered. */
export async function buildServer(
  services: Services,
  logger: FastifyBaseLogger,
): Promise<FastifyInstance> {
  const server = Fastify({
    loggerInstance: logger,
    bodyLimit: 1024 * 1024,
    requestTimeout: 30_000,
    return503OnClosing: true,
  })
  endKeepAliveOnClose(server)

  for (const module of routeModules) {
    await module(server, services)
  }
  return server
}

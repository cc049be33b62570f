import type { AppRouter } from '@hoopkit/api'
import { appRouter, createContextFactory } from '@hoopkit/api'
import {
  type FastifyTRPCPluginOptions,
  fastifyTRPCPlugin,
} from '@trpc/server/adapters/fastify'
import type { FastifyInstance } from 'fastify'
import type { Services } from '../services.js'

/**
 * Serves the tRPC router at `/trpc`. Every procedure that reads tenant data
 * checks the bearer session itself, so this route needs no cookie.
 */
export async function trpcRoutes(
  server: FastifyInstance,
  services: Services,
): Promise<void> {
  const options: FastifyTRPCPluginOptions<AppRouter> = {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: createContextFactory(services.api),
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          services.logger.error({ err: error, path }, 'trpc procedure failed')
        }
      },
    },
  }
  await server.register(fastifyTRPCPlugin, options)
}

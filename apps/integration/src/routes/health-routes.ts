import type { FastifyInstance } from 'fastify'
import type { Services } from '../services.js'

export function healthRoutes(server: FastifyInstance, services: Services) {
  server.get('/healthz', async (_request, reply) => {
    await services.database.db
      .selectFrom('installs')
      .select('id')
      .limit(1)
      .execute()
    return reply.send({ status: 'ok' })
  })
}

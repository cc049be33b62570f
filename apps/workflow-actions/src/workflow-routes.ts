import { workflowPlugin } from '@hoopkit/core'
import type { FastifyInstance } from 'fastify'
import { type WorkflowApp, workflowPrefix } from './workflow-app.js'

/**
 * Mounts the workflow endpoints under `/workflows`, and
 * `GET /workflows/marketplace.json`, which lists what to enter in the
 * Marketplace. That list contains URLs and field names but no secret.
 */
export async function workflowActionRoutes(
  server: FastifyInstance,
  app: WorkflowApp,
  publicUrl: string,
): Promise<void> {
  await server.register(workflowPlugin, {
    runtime: app.runtime,
    prefix: workflowPrefix,
  })
  server.get(`${workflowPrefix}/marketplace.json`, async (_request, reply) =>
    reply.send(app.marketplaceJson(publicUrl)),
  )
}

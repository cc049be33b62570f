import { workflowActionRoutes } from '@hoopkit/workflow-actions'
import type { FastifyInstance } from 'fastify'
import type { Services } from '../services.js'

/** Mounts the workflow actions and triggers, when an action secret is set. */
export async function workflowRoutes(
  server: FastifyInstance,
  services: Services,
): Promise<void> {
  if (services.workflows) {
    await workflowActionRoutes(server, services.workflows, services.publicUrl)
  }
}

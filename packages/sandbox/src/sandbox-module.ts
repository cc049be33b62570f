import type { FastifyInstance } from 'fastify'
import type { SandboxContext } from './sandbox-context.js'

/**
 * One area of the platform, such as OAuth or contacts. A module adds its
 * routes to the server and may listen to the context's events.
 */
export type SandboxModule = (
  server: FastifyInstance,
  context: SandboxContext,
) => void | Promise<void>

import type { FastifyInstance } from 'fastify'
import type { Services } from '../services.js'
import { billingRoutes } from './billing-routes.js'
import { healthRoutes } from './health-routes.js'
import { oauthRoutes } from './oauth-routes.js'
import { securityHeaders } from './security-headers.js'
import { ssoRoutes } from './sso-routes.js'
import { trpcRoutes } from './trpc-routes.js'
import { uiRoutes } from './ui-routes.js'
import { webhookRoutes } from './webhook-routes.js'
import { workflowRoutes } from './workflow-routes.js'

export type RouteModule = (
  server: FastifyInstance,
  services: Services,
) => void | Promise<void>

/** Every route module of the backend, in the order they are registered. */
export const routeModules: RouteModule[] = [
  securityHeaders,
  healthRoutes,
  oauthRoutes,
  billingRoutes,
  ssoRoutes,
  trpcRoutes,
  uiRoutes,
  workflowRoutes,
  webhookRoutes,
]

import type { SandboxModule } from '../sandbox-module.js'
import { navigationLinks } from '../ui/layout.js'
import { platformWorkflowRoutes } from './platform-workflow-routes.js'
import { workflowApiRoutes } from './workflow-api-routes.js'
import { workflowUiRoutes } from './workflow-ui-routes.js'

const workflowsLink = { href: '/ui/workflows', label: 'Workflows' }

/**
 * Workflows: the Workflow Builder and runner that call an app's actions,
 * the subscription calls of its triggers, the triggers' `targetUrl`s and
 * the resume endpoint of paused actions.
 */
export const workflowsModule: SandboxModule = (server, context) => {
  // The link list is shared by every sandbox in the process.
  if (!navigationLinks.some((link) => link.href === workflowsLink.href)) {
    navigationLinks.push(workflowsLink)
  }
  platformWorkflowRoutes(server, context)
  workflowApiRoutes(server, context)
  workflowUiRoutes(server, context)
}

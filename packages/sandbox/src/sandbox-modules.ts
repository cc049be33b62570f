import { apiGuardModule } from './api/api-guard-module.js'
import { apiModule } from './api/api-module.js'
import { billingModule } from './billing/billing-module.js'
import { menusModule } from './menus/menus-module.js'
import { oauthModule } from './oauth/oauth-module.js'
import type { SandboxModule } from './sandbox-module.js'
import { shellModule } from './shell/shell-module.js'
import { uiModule } from './ui/ui-module.js'
import { webhookModule } from './webhooks/webhook-module.js'
import { workflowsModule } from './workflows/workflows-module.js'

/** Every module of the sandbox, in the order they are registered. */
export const sandboxModules: SandboxModule[] = [
  apiGuardModule,
  oauthModule,
  uiModule,
  shellModule,
  billingModule,
  apiModule,
  menusModule,
  workflowsModule,
  webhookModule,
]

import type { SandboxModule } from '../sandbox-module.js'
import { billingRedirectRoutes } from './billing-redirect-routes.js'
import { billingUiRoutes } from './billing-ui-routes.js'
import { billingWebhookRoutes } from './billing-webhook-routes.js'
import { chargeRoutes } from './charge-routes.js'
import { rebillingRoutes } from './rebilling-routes.js'

/** External billing, the wallet and its charges, plans and rebilling. */
export const billingModule: SandboxModule = async (server, context) => {
  await billingWebhookRoutes(server, context)
  chargeRoutes(server, context)
  rebillingRoutes(server, context)
  billingUiRoutes(server, context)
  billingRedirectRoutes(server, context)
}

import {
  type ApiClient,
  type AppDeclaration,
  type Database,
  ExecutionCharges,
  ExternalBilling,
  InstallPlans,
  type InstallStore,
  type Logger,
  MenuLinkSync,
  type TokensStoredHooks,
  type UninstallCleanup,
  UsageCharger,
  type WebhookHandlers,
} from '@hoopkit/core'
import { testCardPaymentStep } from './test-card-payment.js'

/** The plan that the example app's premium action needs. */
export const premiumPlans = ['pro'] as const

export interface BillingServicesInput {
  declaration: AppDeclaration
  database: Database
  client: ApiClient
  installs: InstallStore
  appId: string
  clientId: string
  clientSecret: string
  apiUrl: string
  publicUrl: string
  confirmCompany: boolean
  maxAttempts: number
  logger: Logger
}

/** The example app's paid plan, wallet charges and menu links. */
export interface BillingServices {
  readonly external: ExternalBilling
  readonly charger: UsageCharger
  readonly plans: InstallPlans
  readonly menus: MenuLinkSync
  /** Charges the premium workflow action once per execution. */
  readonly executions: ExecutionCharges
  /**
   * Syncs menu links when an agency's token is stored, moves plans on
   * PLAN_CHANGE and drops stored menu links and closes payments on uninstall.
   */
  registerHooks(hooks: {
    tokens: TokensStoredHooks
    webhooks?: WebhookHandlers
    cleanup?: UninstallCleanup
  }): void
}

export function createBillingServices(
  input: BillingServicesInput,
): BillingServices {
  const logger = input.logger.child({ component: 'billing' })
  const declared = input.declaration.billing
  const meterId = declared?.meters[0]?.meterId ?? 'score_lead'

  const external = new ExternalBilling({
    database: input.database,
    clientId: input.clientId,
    clientSecret: input.clientSecret,
    apiUrl: input.apiUrl,
    paymentStep: testCardPaymentStep(),
    plans: declared?.plans ?? [],
    installs: input.installs,
    confirmCompany: input.confirmCompany,
    maxAttempts: input.maxAttempts,
    logger,
  })
  const charger = new UsageCharger({
    database: input.database,
    client: input.client,
    appId: input.appId,
    logger,
  })
  const plans = new InstallPlans({ database: input.database })
  const menus = new MenuLinkSync({
    database: input.database,
    client: input.client,
    appId: input.appId,
    links: input.declaration.menuLinks,
    publicUrl: input.publicUrl,
    logger: input.logger.child({ component: 'menus' }),
  })
  const executions = new ExecutionCharges({
    charger,
    installs: input.installs,
    appId: input.appId,
    meterId,
    description: 'Lead scored by the premium action',
    requiredPlans: premiumPlans,
  })

  return {
    external,
    charger,
    plans,
    menus,
    executions,
    registerHooks(hooks) {
      menus.syncOnInstall(hooks.tokens)
      if (hooks.webhooks) {
        plans.handlePlanChanges(hooks.webhooks, logger)
      }
      hooks.cleanup?.add('custom menu links', (install) =>
        menus.forgetOnUninstall(install),
      )
      hooks.cleanup?.add('billing payments', async (install) => {
        await external.store.closeFor(input.appId, install.resourceId)
      })
    },
  }
}

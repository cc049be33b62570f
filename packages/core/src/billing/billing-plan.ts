import { HoopkitError } from '../errors/hoopkit-error.js'
import type { InstallStore } from '../oauth/install-store.js'
import { appIdFromClientId } from '../oauth/oauth-client-config.js'
import type { BillingDeclaration } from './billing-declaration.js'
import type { BillingRequest } from './billing-request.js'

/** A plan that the app declares, with its price. */
export type BillingPlan = BillingDeclaration['plans'][number]

export type BillingPlanResult =
  | { ok: true; plan: BillingPlan }
  | { ok: false; error: HoopkitError }

/**
 * Finds the plan that the installer picked in the marketplace. The Billing
 * URL carries no plan, but the token response of the code exchange does
 * (`planId`), and the callback stores it on the install before the
 * platform opens the Billing URL. An agency's install is read for
 * `agency` and `agency,location`, because the location tokens are minted
 * only after INSTALL, which waits for billing.
 */
export async function resolveBillingPlan(
  request: BillingRequest,
  installs: InstallStore,
  plans: readonly BillingPlan[],
): Promise<BillingPlanResult> {
  const appId = appIdFromClientId(request.clientId)
  const resourceIds =
    request.targets.agency && request.companyId !== null
      ? [request.companyId]
      : request.locationIds

  const planIds = new Set<string | null>()
  for (const resourceId of resourceIds) {
    const install = await installs.get(appId, resourceId)
    if (install === undefined) {
      return unknownPlan(
        `billing: no install of app ${appId} is stored for ${resourceId}: ` +
          'finish the install callback first, which stores the plan from ' +
          'the token response',
        { resourceId },
      )
    }
    planIds.add(install.planId)
  }

  const [planId] = [...planIds]
  if (planIds.size !== 1 || planId == null) {
    return unknownPlan(
      `billing: expected one plan for ${resourceIds.join(', ')}, got ` +
        `${JSON.stringify([...planIds])}: install on sub-accounts of one plan`,
      { planIds: [...planIds] },
    )
  }
  const plan = plans.find((declared) => declared.planId === planId)
  if (plan === undefined) {
    return unknownPlan(
      `billing: plan ${JSON.stringify(planId)} is not among the declared ` +
        `plans (${plans.map((declared) => declared.planId).join(', ')}): ` +
        'add it to billing.plans in hoopkit.app.ts',
      { planId },
    )
  }
  return { ok: true, plan }
}

function unknownPlan(
  message: string,
  details: Record<string, unknown>,
): BillingPlanResult {
  const error = new HoopkitError('BILLING_PLAN_UNKNOWN', message, { details })
  return { ok: false, error }
}

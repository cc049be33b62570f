import type { SandboxContext } from '../sandbox-context.js'
import { sandboxBilling } from './sandbox-billing.js'

export interface PlanChangeRequest {
  appId: string
  locationId: string
  newPlanId: string
  /** The user who changed the plan. @default the agency's first admin */
  userId?: string
}

/**
 * Changes the plan of an app's install on a location, as an agency admin
 * does in the marketplace, and sends PLAN_CHANGE. Returns false when the
 * app is not installed there or the plan is not one of the app's.
 */
export function changePlan(
  context: SandboxContext,
  request: PlanChangeRequest,
): boolean {
  const billing = sandboxBilling(context)
  const install = context.installs.find(request.appId, request.locationId)
  const plans = billing.appBilling(request.appId)?.plans ?? []
  const known = plans.some((plan) => plan.planId === request.newPlanId)
  if (install === undefined || !known) {
    return false
  }

  const currentPlanId = billing.planOf(request.appId, request.locationId)
  billing.setPlan(request.appId, request.locationId, request.newPlanId)
  context.events.emit('webhook', {
    appId: request.appId,
    body: {
      type: 'PLAN_CHANGE',
      appId: request.appId,
      locationId: request.locationId,
      companyId: install.companyId,
      userId: request.userId ?? install.userId,
      currentPlanId,
      newPlanId: request.newPlanId,
    },
  })
  return true
}

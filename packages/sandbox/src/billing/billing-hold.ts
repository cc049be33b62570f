import type { Install } from '../oauth/install-store.js'
import type { SandboxContext } from '../sandbox-context.js'
import type { PendingBillingInstall } from './billing-records.js'
import { sandboxBilling } from './sandbox-billing.js'

export interface BillingHold {
  /** The Billing URL that the installer pays on, or `null` for free apps. */
  billingUrl: string | null
  /** Sends the INSTALL webhooks now, unless they wait for billing. */
  send: () => void
}

/** One consent of the install flow, with its INSTALL webhook bodies. */
export interface ConsentInstalls {
  appId: string
  installs: Install[]
  bodies: Record<string, unknown>[]
  send: () => void
  /** The plan that the installer picked, or `null` for the app's first. */
  planId: string | null
}

/**
 * Puts a paid app's installs on the plan that the installer picked, or on
 * its first plan when none was picked, adds `planId` to the
 * INSTALL bodies, and keeps them back until external billing is confirmed
 * when the app has a Billing URL. The consent flow calls `send` where it
 * would send INSTALL, and the billing webhook route sends them once every
 * confirmation is COMPLETED.
 */
export function holdInstallForBilling(
  context: Pick<SandboxContext, 'state'>,
  consent: ConsentInstalls,
): BillingHold {
  assignPlan(context, consent)

  const locationIds = consent.installs
    .map((install) => install.locationId)
    .filter((id): id is string => id !== null)
  const agency = consent.installs.some((install) => install.locationId === null)
  const companyId = consent.installs[0]?.companyId ?? ''
  let installType: PendingBillingInstall['installType'] = 'location'
  if (agency) {
    installType = locationIds.length > 0 ? 'agency,location' : 'agency'
  }

  const billingUrl = sandboxBilling(context).holdInstall({
    appId: consent.appId,
    companyId,
    installType,
    locationIds,
    release: consent.send,
  })
  if (billingUrl === null) {
    return { billingUrl: null, send: consent.send }
  }
  return { billingUrl, send: () => {} }
}

function assignPlan(
  context: Pick<SandboxContext, 'state'>,
  consent: ConsentInstalls,
): void {
  const billing = sandboxBilling(context)
  const planId =
    consent.planId ?? billing.appBilling(consent.appId)?.plans[0]?.planId
  if (planId === undefined) {
    return
  }

  for (const install of consent.installs) {
    const resourceId = install.locationId ?? install.companyId
    billing.setPlan(consent.appId, resourceId, planId)
  }
  for (const body of consent.bodies) {
    body['planId'] = planId
  }
}

import { HoopkitError } from '../errors/hoopkit-error.js'
import type { InstallStore } from '../oauth/install-store.js'
import { requirePlan } from './plan-gate.js'
import type { UsageCharger } from './usage-charger.js'

export interface ExecutionChargesOptions {
  charger: UsageCharger
  installs: InstallStore
  appId: string
  /** The usage meter of the premium action, from the app's pricing page. */
  meterId: string
  /** Shown on the sub-account's wallet statement. */
  description: string
  /** Plans that may run the action; any install may when unset. */
  requiredPlans?: readonly string[]
}

/** The part of an action call that a charge reads. */
export interface ChargedExecution {
  /** Stable across repeated deliveries of one execution. */
  executionId: string
  extras: { locationId: string }
}

/**
 * Charges a premium workflow action once per execution. The execution id
 * is the charge's `eventId`, so a step that the platform sends twice is
 * charged once. The action call carries no `companyId`, so it is read from
 * the location's install record.
 */
export class ExecutionCharges {
  readonly #options: ExecutionChargesOptions

  constructor(options: ExecutionChargesOptions) {
    this.#options = options
  }

  /**
   * Charges `units` for one execution and returns the charge id. Throws
   * `PLAN_REQUIRED`, `INSUFFICIENT_FUNDS` or `WALLET_CHARGE_FAILED`, so the
   * step fails and the workflow shows why.
   */
  async charge(execution: ChargedExecution, units = 1): Promise<string | null> {
    const { appId, installs, charger } = this.#options
    const locationId = execution.extras.locationId
    const install = await installs.get(appId, locationId)
    if (install?.companyId == null) {
      throw new HoopkitError(
        'INSTALL_NOT_FOUND',
        `premium action: no install with a company is stored for ` +
          `${locationId}: reinstall the app on this sub-account`,
        { details: { locationId } },
      )
    }
    if (this.#options.requiredPlans !== undefined) {
      requirePlan(install, this.#options.requiredPlans)
    }

    const result = await charger.charge({
      locationId,
      companyId: install.companyId,
      meterId: this.#options.meterId,
      eventId: `action:${execution.executionId}`,
      units,
      description: this.#options.description,
    })
    if (!result.ok) {
      throw result.error
    }
    return result.chargeId
  }
}

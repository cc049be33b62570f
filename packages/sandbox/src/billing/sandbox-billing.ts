import type { SandboxContext } from '../sandbox-context.js'
import type { RegisteredApp } from '../state/entities.js'
import type { SandboxState } from '../state/sandbox-state.js'
import {
  type BillingBehaviour,
  defaultBillingBehaviour,
} from './billing-behaviour.js'
import type {
  AppBilling,
  BillingConfirmationRecord,
  PendingBillingInstall,
  WalletCharge,
} from './billing-records.js'
import { BillingRedirects } from './billing-redirects.js'
import { offersExternalBilling } from './external-billing-availability.js'

/** A wallet balance per sub-account, in USD. */
const defaultBalance = 25

interface PendingEntry {
  install: PendingBillingInstall
  billingUrl: string
  /** `location:<id>` or `company:<id>` of each confirmation still due. */
  due: Set<string>
  failed: Set<string>
}

/**
 * The sandbox's billing records: each app's plans and meters, the billing
 * confirmations it received, the installs that wait for them, the wallets
 * of the sub-accounts and their charges, and the current plan of each
 * install.
 */
export class SandboxBilling {
  readonly behaviour: BillingBehaviour = { ...defaultBillingBehaviour }
  /** Every accepted confirmation, in the order received. */
  readonly confirmations: BillingConfirmationRecord[] = []
  /**
   * Every confirmation request that carried the app's client key and
   * secret, with the key and the status it got.
   */
  readonly requests: {
    clientKey: string
    rawBody: string
    statusCode: number
  }[] = []
  readonly charges = new Map<string, WalletCharge>()
  /** The paid installs that the consent sent on to their Billing URL. */
  readonly redirects = new BillingRedirects()
  readonly #apps = new Map<string, AppBilling>()
  readonly #balances = new Map<string, number>()
  readonly #plans = new Map<string, string>()
  readonly #pending: PendingEntry[] = []
  readonly #failures = new Map<string, number[]>()
  readonly #chargeFailures = new Map<
    string,
    { status: number; afterCharge: boolean }
  >()
  readonly #appOf: (appId: string) => RegisteredApp | undefined

  /** @param appOf Finds a registered app, for its client id and age. */
  constructor(appOf: (appId: string) => RegisteredApp | undefined) {
    this.#appOf = appOf
  }

  configureApp(billing: AppBilling): void {
    this.#apps.set(billing.appId, billing)
  }

  appBilling(appId: string): AppBilling | undefined {
    return this.#apps.get(appId)
  }

  balance(locationId: string): number {
    return this.#balances.get(locationId) ?? defaultBalance
  }

  setBalance(locationId: string, amount: number): void {
    this.#balances.set(locationId, amount)
  }

  /** Returns the plan of an install, keyed by the location or company id. */
  planOf(appId: string, resourceId: string): string | null {
    return this.#plans.get(`${appId}:${resourceId}`) ?? null
  }

  setPlan(appId: string, resourceId: string, planId: string): void {
    this.#plans.set(`${appId}:${resourceId}`, planId)
  }

  /**
   * Makes the next `count` billing confirmations for a location or company
   * fail with `status`, to test the app's retries.
   */
  failNextConfirmations(resourceId: string, status: number, count = 1): void {
    const queue = this.#failures.get(resourceId) ?? []
    queue.push(...Array.from({ length: count }, () => status))
    this.#failures.set(resourceId, queue)
  }

  /** Takes the next injected failure for a resource, if any. */
  takeInjectedFailure(resourceId: string): number | undefined {
    return this.#failures.get(resourceId)?.shift()
  }

  /**
   * Makes the next charge on a location fail with `status`. With
   * `afterCharge`, the charge is made first, as when the platform acts on
   * a request and the reply is lost.
   */
  failNextCharge(
    locationId: string,
    status: number,
    options: { afterCharge?: boolean } = {},
  ): void {
    this.#chargeFailures.set(locationId, {
      status,
      afterCharge: options.afterCharge ?? false,
    })
  }

  /** Takes the injected failure for the next charge on a location. */
  takeChargeFailure(locationId: string) {
    const failure = this.#chargeFailures.get(locationId)
    this.#chargeFailures.delete(locationId)
    return failure
  }

  /** Lists a location's wallet transactions of one app, oldest first. */
  chargesOf(appId: string, locationId: string): WalletCharge[] {
    return [...this.charges.values()].filter(
      (charge) => charge.appId === appId && charge.entityId === locationId,
    )
  }

  /**
   * Holds an install until its billing is confirmed. Returns the Billing
   * URL to send the installer to, or `null` when the app has no Billing URL
   * or is not offered external billing, and the install goes on at once.
   */
  holdInstall(install: PendingBillingInstall): string | null {
    const billing = this.#apps.get(install.appId)
    const app = this.#appOf(install.appId)
    if (
      billing?.billingUrl == null ||
      !offersExternalBilling(app, this.behaviour)
    ) {
      return null
    }

    const billingUrl = billingRedirectUrl(
      billing.billingUrl,
      install,
      app?.clientId ?? install.appId,
    )
    this.#pending.push({
      install,
      billingUrl,
      due: this.#dueConfirmations(install),
      failed: new Set(),
    })
    return billingUrl
  }

  /**
   * Lists the installs that still wait for a billing confirmation, with the
   * Billing URL each installer pays on.
   */
  pendingInstalls(
    appId?: string,
  ): { install: PendingBillingInstall; billingUrl: string; failed: boolean }[] {
    return this.#pending
      .filter((entry) => appId === undefined || entry.install.appId === appId)
      .map((entry) => ({
        install: entry.install,
        billingUrl: entry.billingUrl,
        failed: entry.failed.size > 0,
      }))
  }

  /** Returns whether an install on the resource waits for billing. */
  awaitsBilling(appId: string, resourceId: string): boolean {
    return this.#pending.some(({ install }) => {
      const agency =
        install.installType !== 'location' && install.companyId === resourceId
      return (
        install.appId === appId &&
        (agency || install.locationIds.includes(resourceId))
      )
    })
  }

  /**
   * Records an accepted confirmation and releases each pending install
   * whose confirmations are all COMPLETED. FAILED keeps the install
   * pending, so the installer can pay again.
   */
  async recordConfirmation(record: BillingConfirmationRecord): Promise<void> {
    this.confirmations.push(record)
    const key = `${record.authType}:${record.resourceId}`
    for (const entry of [...this.#pending]) {
      if (entry.install.appId !== record.appId || !entry.due.has(key)) {
        continue
      }
      if (record.status === 'FAILED') {
        entry.failed.add(key)
        continue
      }

      entry.due.delete(key)
      entry.failed.delete(key)
      if (entry.due.size === 0) {
        this.#pending.splice(this.#pending.indexOf(entry), 1)
        await entry.install.release()
      }
    }
  }

  #dueConfirmations(install: PendingBillingInstall): Set<string> {
    const due = new Set(install.locationIds.map((id) => `location:${id}`))
    const agency = install.installType !== 'location'
    const companyDue =
      install.installType === 'agency' ||
      (agency && this.behaviour.requireCompanyConfirmation)
    if (companyDue) {
      due.add(`company:${install.companyId}`)
    }
    return due
  }
}

function billingRedirectUrl(
  billingUrl: string,
  install: PendingBillingInstall,
  clientId: string,
): string {
  const url = new URL(billingUrl)
  url.searchParams.set('clientId', clientId)
  url.searchParams.set('installType', install.installType)
  if (install.installType !== 'location') {
    url.searchParams.set('companyId', install.companyId)
  }
  if (install.locationIds.length > 0) {
    url.searchParams.set('locationId', install.locationIds.join(','))
  }
  return url.toString()
}

const billingByState = new WeakMap<SandboxState, SandboxBilling>()

/**
 * Returns the billing records of one sandbox. They are keyed by its state,
 * so the consent flow, the API routes and the UI share them.
 */
export function sandboxBilling(
  context: Pick<SandboxContext, 'state'>,
): SandboxBilling {
  const { state } = context
  let billing = billingByState.get(state)
  if (billing === undefined) {
    billing = new SandboxBilling((appId) => state.apps.get(appId))
    billingByState.set(state, billing)
  }
  return billing
}

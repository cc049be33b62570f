import { createHash, randomUUID } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import type {
  BillingConfirmationsTable,
  BillingPaymentsTable,
} from '../db/billing-tables.js'
import type { DatabaseSchema } from '../db/schema.js'
import { appIdFromClientId } from '../oauth/oauth-client-config.js'
import type { BillingRequest } from './billing-request.js'
import type { PaymentOutcome } from './payment-step.js'

export type BillingPayment = Selectable<BillingPaymentsTable>
export type BillingConfirmation = Selectable<BillingConfirmationsTable>

/**
 * The payments and confirmations of external billing. A payment stays open
 * until it failed or its install was uninstalled, so reloading the Billing
 * URL finds the same payment and never charges the customer again.
 */
export class BillingPaymentStore {
  readonly #db: Kysely<DatabaseSchema>
  readonly #now: () => number

  constructor(db: Kysely<DatabaseSchema>, now: () => number = Date.now) {
    this.#db = db
    this.#now = now
  }

  /**
   * Returns the open payment of the install's `targets` on a plan, creating
   * a pending one if none. `targets` are `location <id>` and `company <id>`
   * keys, and `request` is the install narrowed to them.
   */
  async openPayment(
    request: BillingRequest,
    planId: string | null,
    targets: readonly string[],
  ): Promise<BillingPayment> {
    const key = billingKey(request.clientId, planId, targets)
    const now = this.#now()
    await this.#db
      .insertInto('billing_payments')
      .values({
        id: `pay_${randomUUID()}`,
        app_id: appIdFromClientId(request.clientId),
        client_id: request.clientId,
        billing_key: key,
        open_key: key,
        install_type: request.installType,
        company_id: request.companyId,
        location_ids_json: JSON.stringify(request.locationIds),
        plan_id: planId,
        targets_json: JSON.stringify(targets),
        status: 'pending',
        amount: null,
        payment_type: null,
        subscription_id: null,
        provider_payment_id: null,
        failure_reason: null,
        step_started_at: null,
        created_at: now,
        updated_at: now,
        closed_at: null,
      })
      .onConflict((conflict) => conflict.column('open_key').doNothing())
      .execute()

    return await this.#db
      .selectFrom('billing_payments')
      .selectAll()
      .where('open_key', '=', key)
      .executeTakeFirstOrThrow()
  }

  /**
   * Finds, for each of `targets`, an open payment on the plan that bills
   * it: a completed one first, else a pending one. Targets with neither are
   * left out of the map.
   */
  async openPaymentsFor(
    appId: string,
    planId: string | null,
    targets: readonly string[],
  ): Promise<Map<string, BillingPayment>> {
    const rows = await this.openPaymentsOf(appId, planId)

    const found = new Map<string, BillingPayment>()
    for (const target of targets) {
      const billing = rows.filter((row) => targetsOf(row).includes(target))
      const chosen =
        billing.find((row) => row.status === 'completed') ?? billing[0]
      if (chosen !== undefined) {
        found.set(target, chosen)
      }
    }
    return found
  }

  /**
   * Returns another open payment on the same plan that bills one of the
   * payment's targets and is completed or inside its step's lease, or
   * undefined. A request calls it after its claim, so of two requests that
   * claim overlapping payments at once, at least one sees the other.
   */
  async conflictingPayment(
    payment: BillingPayment,
    leaseMs: number,
  ): Promise<BillingPayment | undefined> {
    const targets = targetsOf(payment)
    const open = await this.openPaymentsOf(payment.app_id, payment.plan_id)
    const liveSince = this.#now() - leaseMs
    return open.find(
      (row) =>
        row.id !== payment.id &&
        (row.status === 'completed' ||
          (row.step_started_at !== null && row.step_started_at >= liveSince)) &&
        targetsOf(row).some((target) => targets.includes(target)),
    )
  }

  async openPaymentsOf(
    appId: string,
    planId: string | null,
  ): Promise<BillingPayment[]> {
    let query = this.#db
      .selectFrom('billing_payments')
      .selectAll()
      .where('app_id', '=', appId)
      .where('open_key', 'is not', null)
      .where('status', 'in', ['completed', 'pending'])
    query =
      planId === null
        ? query.where('plan_id', 'is', null)
        : query.where('plan_id', '=', planId)
    return await query.orderBy('created_at').execute()
  }

  /**
   * Claims a pending payment for one run of the payment step. A claim older
   * than `leaseMs` is taken over, because its process may have died, and
   * the step then runs again under the same payment id.
   */
  async claimPaymentStep(paymentId: string, leaseMs: number) {
    const now = this.#now()
    const result = await this.#db
      .updateTable('billing_payments')
      .set({ step_started_at: now, updated_at: now })
      .where('id', '=', paymentId)
      .where('status', '=', 'pending')
      .where((eb) =>
        eb.or([
          eb('step_started_at', 'is', null),
          eb('step_started_at', '<', now - leaseMs),
        ]),
      )
      .executeTakeFirst()
    return result.numUpdatedRows > 0n
  }

  /** Lets another request run the payment step after this one failed. */
  async releasePaymentStep(paymentId: string): Promise<void> {
    await this.#db
      .updateTable('billing_payments')
      .set({ step_started_at: null, updated_at: this.#now() })
      .where('id', '=', paymentId)
      .where('status', '=', 'pending')
      .execute()
  }

  /** Records the payment step's outcome. */
  async recordOutcome(
    paymentId: string,
    outcome: PaymentOutcome,
  ): Promise<BillingPayment> {
    const failed = outcome.status === 'FAILED'
    return await this.#db
      .updateTable('billing_payments')
      .set({
        status: failed ? 'failed' : 'completed',
        amount: outcome.amount,
        payment_type: outcome.paymentType,
        subscription_id: outcome.subscriptionId ?? null,
        provider_payment_id: outcome.paymentId ?? null,
        failure_reason: failed ? (outcome.failureReason ?? 'declined') : null,
        updated_at: this.#now(),
      })
      .where('id', '=', paymentId)
      .returningAll()
      .executeTakeFirstOrThrow()
  }

  /**
   * Closes a payment, so the next visit to the Billing URL for the same
   * install starts a new one. A failed payment is closed once its FAILED
   * confirmations are sent, which lets the customer try another card.
   */
  async close(paymentId: string): Promise<void> {
    const now = this.#now()
    await this.#db
      .updateTable('billing_payments')
      .set({ open_key: null, closed_at: now, updated_at: now })
      .where('id', '=', paymentId)
      .execute()
  }

  /**
   * Closes the open payments that bill a resource, on uninstall, so a later
   * reinstall is charged again. Returns how many were closed.
   */
  async closeFor(appId: string, resourceId: string): Promise<number> {
    const open = await this.#db
      .selectFrom('billing_payments')
      .selectAll()
      .where('app_id', '=', appId)
      .where('open_key', 'is not', null)
      .execute()
    const keys = [`location ${resourceId}`, `company ${resourceId}`]
    const ids = open
      .filter((row) => targetsOf(row).some((target) => keys.includes(target)))
      .map((row) => row.id)
    if (ids.length === 0) {
      return 0
    }

    const now = this.#now()
    await this.#db
      .updateTable('billing_payments')
      .set({ open_key: null, closed_at: now, updated_at: now })
      .where('id', 'in', ids)
      .execute()
    return ids.length
  }

  /** Lists every payment of an app that bills a location, newest first. */
  async paymentsFor(appId: string, locationId: string) {
    const rows = await this.#db
      .selectFrom('billing_payments')
      .selectAll()
      .where('app_id', '=', appId)
      .orderBy('created_at', 'desc')
      .execute()
    return rows.filter((row) =>
      parseIds(row.location_ids_json).includes(locationId),
    )
  }

  /**
   * Stores a confirmation's body unless one is stored already, and returns
   * the stored row, so every retry sends the first body.
   */
  async prepareConfirmation(
    confirmation: Pick<
      BillingConfirmation,
      'payment_id' | 'auth_type' | 'resource_id' | 'body_json'
    >,
  ): Promise<BillingConfirmation> {
    const now = this.#now()
    await this.#db
      .insertInto('billing_confirmations')
      .values({
        ...confirmation,
        status: 'pending',
        attempts: 0,
        last_error: null,
        confirmed_at: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['payment_id', 'auth_type', 'resource_id'])
          .doNothing(),
      )
      .execute()

    return await this.#db
      .selectFrom('billing_confirmations')
      .selectAll()
      .where('payment_id', '=', confirmation.payment_id)
      .where('auth_type', '=', confirmation.auth_type)
      .where('resource_id', '=', confirmation.resource_id)
      .executeTakeFirstOrThrow()
  }

  /** Counts the attempts of one send and marks it confirmed on success. */
  async recordAttempts(
    confirmation: BillingConfirmation,
    result: { confirmed: boolean; attempts: number; error: string | null },
  ): Promise<void> {
    const now = this.#now()
    await this.#db
      .updateTable('billing_confirmations')
      .set((eb) => ({
        attempts: eb('attempts', '+', result.attempts),
        last_error: result.error,
        updated_at: now,
        ...(result.confirmed
          ? { status: 'confirmed' as const, confirmed_at: now }
          : {}),
      }))
      .where('payment_id', '=', confirmation.payment_id)
      .where('auth_type', '=', confirmation.auth_type)
      .where('resource_id', '=', confirmation.resource_id)
      .execute()
  }

  async confirmationsOf(paymentId: string): Promise<BillingConfirmation[]> {
    return await this.#db
      .selectFrom('billing_confirmations')
      .selectAll()
      .where('payment_id', '=', paymentId)
      .orderBy('created_at')
      .execute()
  }
}

function billingKey(
  clientId: string,
  planId: string | null,
  targets: readonly string[],
): string {
  const parts = [clientId, planId ?? '', [...targets].sort().join(',')]
  return createHash('sha256').update(parts.join('\n')).digest('hex')
}

/**
 * Lists the targets that a payment bills. Payments from before migration
 * 0007 have no `targets_json`, and every resource of their install counts.
 */
export function targetsOf(payment: BillingPayment): string[] {
  if (payment.targets_json !== null) {
    return parseIds(payment.targets_json)
  }
  const locations = parseIds(payment.location_ids_json).map(
    (id) => `location ${id}`,
  )
  const agency =
    payment.install_type !== 'location' && payment.company_id !== null
  return agency ? [...locations, `company ${payment.company_id}`] : locations
}

function parseIds(json: string): string[] {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value) ? value.map(String) : []
}

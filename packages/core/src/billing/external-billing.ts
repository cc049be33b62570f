import type { Database } from '../db/database.js'
import { HoopkitError } from '../errors/hoopkit-error.js'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import type { InstallStore } from '../oauth/install-store.js'
import { appIdFromClientId } from '../oauth/oauth-client-config.js'
import { BillingConfirmer } from './billing-confirmer.js'
import {
  type BillingConfirmation,
  type BillingPayment,
  BillingPaymentStore,
} from './billing-payment-store.js'
import { type BillingPlan, resolveBillingPlan } from './billing-plan.js'
import {
  type BillingQuery,
  type BillingRequest,
  parseBillingRequest,
} from './billing-request.js'
import type { PaymentStep } from './payment-step.js'

export interface ExternalBillingOptions {
  database: Database
  /** The app's client id, which the Billing URL's `clientId` must equal. */
  clientId: string
  clientSecret: string
  /** The platform's API origin. */
  apiUrl: string
  /** Takes the payment, as `PaymentStep` describes. */
  paymentStep: PaymentStep
  /**
   * Also confirms the agency, with `authType: "company"`, on an
   * `agency,location` install. The platform's docs leave open whether it
   * needs this call, and an install that needs it stays pending without
   * it, so it is sent unless this is `false`. An `agency` install is
   * always confirmed for its company.
   * @default true
   */
  confirmCompany?: boolean
  logger?: Logger
  /** Attempts per confirmation call. @default 4 */
  maxAttempts?: number
  /** Milliseconds before the first retry of a confirmation. @default 500 */
  retryDelayMs?: number
  /**
   * How long a started payment step blocks another one for the same
   * install, in ms. @default 300000 (5 minutes)
   */
  paymentLeaseMs?: number
  /**
   * The app's declared plans. With `installs`, each payment is for the plan
   * that the install's token response named, and the payment step gets
   * that plan. Without both, payments are tied to no plan.
   */
  plans?: readonly BillingPlan[]
  /** The install records, where the callback stored each install's plan. */
  installs?: InstallStore
}

/** How far the billing of an install got, target by target. */
export interface BillingProgress {
  /**
   * `unpaid` while a target has no completed payment on the plan,
   * `unconfirmed` while one is paid but not confirmed, else `confirmed`.
   */
  status: 'unpaid' | 'unconfirmed' | 'confirmed'
  plan: BillingPlan | null
  /** The `location <id>` and `company <id>` targets paid and confirmed. */
  paid: string[]
  /** The targets that the next payment charges. */
  due: string[]
}

/** The end of one visit to the Billing URL. */
export type ExternalBillingResult =
  | {
      ok: true
      /** `FAILED` means the payment failed and the platform received FAILED. */
      status: 'COMPLETED' | 'FAILED'
      request: BillingRequest
      plan: BillingPlan | null
      /** The payment taken now, or the earlier one when nothing was due. */
      payment: BillingPayment
      /** The targets that an earlier payment on the plan had paid for. */
      alreadyPaid: string[]
      confirmations: BillingConfirmation[]
    }
  | { ok: false; error: HoopkitError; payment?: BillingPayment }

interface ConfirmationTarget {
  authType: 'location' | 'company'
  resourceId: string
}

type PlanResult =
  | { ok: true; plan: BillingPlan | null }
  | { ok: false; error: HoopkitError }

function keyOf(target: ConfirmationTarget): string {
  return `${target.authType} ${target.resourceId}`
}

/**
 * Runs the external billing step of an install: checks the Billing URL's
 * query, runs the app's payment step once per install, and confirms the
 * outcome to the platform once per location and, when due, per company.
 * A payment and each confirmation are recorded, so a reload or a retry
 * never charges or confirms twice.
 */
export class ExternalBilling {
  readonly #options: ExternalBillingOptions
  readonly #store: BillingPaymentStore
  readonly #confirmer: BillingConfirmer
  readonly #logger: Logger

  constructor(options: ExternalBillingOptions) {
    this.#options = options
    this.#logger = options.logger ?? silentLogger
    this.#store = new BillingPaymentStore(options.database.db)
    this.#confirmer = new BillingConfirmer({
      apiUrl: options.apiUrl,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      logger: this.#logger,
      maxAttempts: options.maxAttempts ?? 4,
      retryDelayMs: options.retryDelayMs ?? 500,
    })
  }

  get store(): BillingPaymentStore {
    return this.#store
  }

  /** Checks the Billing URL's query without taking a payment. */
  parse(query: BillingQuery) {
    return parseBillingRequest(query, this.#options.clientId)
  }

  /**
   * Reports how far an install's billing got, without taking a payment. A
   * target counts as paid when any open payment on the same plan billed
   * it, whatever list of locations that payment was for.
   */
  async progress(
    request: BillingRequest,
  ): Promise<
    ({ ok: true } & BillingProgress) | { ok: false; error: HoopkitError }
  > {
    const resolved = await this.#plan(request)
    if (!resolved.ok) {
      return resolved
    }

    const plan = resolved.plan
    const targets = this.#targets(request).map(keyOf)
    const open = await this.#store.openPaymentsFor(
      appIdFromClientId(request.clientId),
      plan?.planId ?? null,
      targets,
    )
    const paid: string[] = []
    const due: string[] = []
    let unconfirmed = false
    for (const target of targets) {
      const payment = open.get(target)
      if (payment?.status !== 'completed') {
        due.push(target)
      } else if (await this.#confirmed(payment, target)) {
        paid.push(target)
      } else {
        unconfirmed = true
      }
    }

    let status: BillingProgress['status'] = 'confirmed'
    if (due.length > 0) {
      status = 'unpaid'
    } else if (unconfirmed) {
      status = 'unconfirmed'
    }
    return { ok: true, status, plan, paid, due }
  }

  /**
   * Handles one visit to the Billing URL. `input` is what the app's payment
   * page posted, and it reaches the payment step unchanged. Targets that an
   * open payment on the same plan paid for get that payment's confirmation
   * and no new charge, and only the rest are charged.
   */
  async handle(
    query: BillingQuery,
    input?: unknown,
  ): Promise<ExternalBillingResult> {
    const parsed = this.parse(query)
    if (!parsed.ok) {
      this.#logger.warn(
        { code: parsed.error.code, ...parsed.error.details },
        'billing request rejected',
      )
      return { ok: false, error: parsed.error }
    }

    const request = parsed.request
    const resolved = await this.#plan(request)
    if (!resolved.ok) {
      this.#logger.warn(
        { code: resolved.error.code, ...resolved.error.details },
        'billing plan not found',
      )
      return resolved
    }

    const plan = resolved.plan
    const targets = this.#targets(request)
    const open = await this.#store.openPaymentsFor(
      appIdFromClientId(request.clientId),
      plan?.planId ?? null,
      targets.map(keyOf),
    )
    const paidBefore = targets.filter(
      (target) => open.get(keyOf(target))?.status === 'completed',
    )
    const due = targets.filter((target) => !paidBefore.includes(target))

    const failures: string[] = []
    let rejected = false
    let latest: BillingPayment | undefined
    for (const target of paidBefore) {
      const payment = open.get(keyOf(target)) as BillingPayment
      latest ??= payment
      const sent = await this.#confirm(request, payment, target)
      if (sent.failure !== null) {
        failures.push(sent.failure)
        rejected ||= sent.rejected
      }
    }

    if (due.length > 0) {
      const newPayment = await this.#payFor(request, plan, due, input)
      if (!newPayment.ok) {
        return newPayment
      }
      latest = newPayment.payment
      for (const target of due) {
        const sent = await this.#confirm(request, newPayment.payment, target)
        if (sent.failure !== null) {
          failures.push(sent.failure)
          rejected ||= sent.rejected
        }
      }
    }

    const payment = latest as BillingPayment
    const confirmations = await this.#confirmationsOf(
      [...new Set([...open.values(), payment])],
      targets.map(keyOf),
    )
    if (failures.length > 0) {
      const error = confirmationError(payment, failures, rejected)
      return { ok: false, payment, error }
    }
    if (payment.status === 'failed') {
      await this.#store.close(payment.id)
    }
    const status = payment.status === 'completed' ? 'COMPLETED' : 'FAILED'
    return {
      ok: true,
      status,
      request,
      plan,
      payment,
      alreadyPaid: paidBefore.map(keyOf),
      confirmations,
    }
  }

  async #plan(request: BillingRequest): Promise<PlanResult> {
    const { plans, installs } = this.#options
    if (plans === undefined || installs === undefined) {
      return { ok: true, plan: null }
    }
    return await resolveBillingPlan(request, installs, plans)
  }

  /** Lists the stored confirmations of `targets` in the given payments. */
  async #confirmationsOf(payments: BillingPayment[], targets: string[]) {
    const found: BillingConfirmation[] = []
    for (const payment of payments) {
      const rows = await this.#store.confirmationsOf(payment.id)
      found.push(
        ...rows.filter((row) =>
          targets.includes(`${row.auth_type} ${row.resource_id}`),
        ),
      )
    }
    return found
  }

  async #confirmed(payment: BillingPayment, target: string) {
    const confirmations = await this.#store.confirmationsOf(payment.id)
    return confirmations.some(
      (confirmation) =>
        `${confirmation.auth_type} ${confirmation.resource_id}` === target &&
        confirmation.status === 'confirmed',
    )
  }

  /** Opens the payment of the `due` targets and runs its step if pending. */
  async #payFor(
    request: BillingRequest,
    plan: BillingPlan | null,
    due: ConfirmationTarget[],
    input: unknown,
  ): Promise<
    { ok: true; payment: BillingPayment } | { ok: false; error: HoopkitError }
  > {
    const narrowed: BillingRequest = {
      ...request,
      targets: {
        agency: due.some((target) => target.authType === 'company'),
        location: due.some((target) => target.authType === 'location'),
      },
      locationIds: due
        .filter((target) => target.authType === 'location')
        .map((target) => target.resourceId),
    }
    const payment = await this.#store.openPayment(
      narrowed,
      plan?.planId ?? null,
      due.map(keyOf),
    )
    if (payment.status !== 'pending') {
      return { ok: true, payment }
    }
    return await this.#pay(narrowed, plan, payment, input)
  }

  async #pay(
    request: BillingRequest,
    plan: BillingPlan | null,
    payment: BillingPayment,
    input: unknown,
  ): Promise<
    { ok: true; payment: BillingPayment } | { ok: false; error: HoopkitError }
  > {
    const leaseMs = this.#options.paymentLeaseMs ?? 300_000
    const claimed = await this.#store.claimPaymentStep(payment.id, leaseMs)
    // A visit with another list of locations may bill some of the same
    // ones: the claim comes first, so one of two such visits backs off.
    const conflict = claimed
      ? await this.#store.conflictingPayment(payment, leaseMs)
      : undefined
    if (conflict !== undefined) {
      await this.#store.releasePaymentStep(payment.id)
    }
    if (!claimed || conflict !== undefined) {
      const busy = conflict?.id ?? payment.id
      const error = new HoopkitError(
        'BILLING_PAYMENT_IN_PROGRESS',
        `billing: payment ${busy} is still being taken: wait for it ` +
          'to finish, then reload the page',
        { details: { paymentId: busy } },
      )
      return { ok: false, error }
    }

    try {
      const outcome = await this.#options.paymentStep({
        request,
        plan,
        paymentId: payment.id,
        input,
      })
      const recorded = await this.#store.recordOutcome(payment.id, outcome)
      this.#logger.info(
        { paymentId: payment.id, status: outcome.status },
        'billing payment recorded',
      )
      return { ok: true, payment: recorded }
    } catch (error) {
      await this.#store.releasePaymentStep(payment.id)
      this.#logger.error(
        { err: error, paymentId: payment.id },
        'billing payment step failed',
      )
      return { ok: false, error: paymentStepFailed(payment, error) }
    }
  }

  /** Sends one target's confirmation of a payment unless it was sent. */
  async #confirm(
    request: BillingRequest,
    payment: BillingPayment,
    target: ConfirmationTarget,
  ): Promise<{ failure: string | null; rejected: boolean }> {
    const confirmation = await this.#store.prepareConfirmation({
      payment_id: payment.id,
      auth_type: target.authType,
      resource_id: target.resourceId,
      body_json: confirmationBody(request, payment, target),
    })
    if (confirmation.status === 'confirmed') {
      return { failure: null, rejected: false }
    }

    const result = await this.#confirmer.confirm(confirmation.body_json)
    await this.#store.recordAttempts(confirmation, {
      confirmed: result.ok,
      attempts: result.attempts,
      error: result.ok ? null : result.error,
    })
    if (result.ok) {
      return { failure: null, rejected: false }
    }
    return {
      failure: `${keyOf(target)}: ${result.error}`,
      rejected: !result.retryable,
    }
  }

  #targets(request: BillingRequest): ConfirmationTarget[] {
    const targets: ConfirmationTarget[] = request.locationIds.map((id) => ({
      authType: 'location',
      resourceId: id,
    }))
    const companyDue =
      request.targets.agency &&
      (!request.targets.location || (this.#options.confirmCompany ?? true))
    if (companyDue && request.companyId !== null) {
      targets.push({ authType: 'company', resourceId: request.companyId })
    }
    return targets
  }
}

/** Serializes the platform's confirmation body, keys in a fixed order. */
function confirmationBody(
  request: BillingRequest,
  payment: BillingPayment,
  target: ConfirmationTarget,
): string {
  const resourceKey =
    target.authType === 'location' ? 'locationId' : 'companyId'
  const body: Record<string, unknown> = {
    clientId: request.clientId,
    authType: target.authType,
    [resourceKey]: target.resourceId,
  }
  if (payment.subscription_id !== null) {
    body['subscriptionId'] = payment.subscription_id
  }
  body['paymentId'] = payment.provider_payment_id ?? payment.id
  body['amount'] = payment.amount ?? 0
  body['status'] = payment.status === 'completed' ? 'COMPLETED' : 'FAILED'
  body['paymentType'] = payment.payment_type ?? 'one_time'
  return JSON.stringify(body)
}

/**
 * Builds the error of a payment step that threw. The cause stays out of the
 * message, because the page shows the message to the customer and a
 * provider's error may carry its keys.
 */
function paymentStepFailed(
  payment: BillingPayment,
  cause: unknown,
): HoopkitError {
  return new HoopkitError(
    'BILLING_PAYMENT_STEP_FAILED',
    `billing: the payment step of payment ${payment.id} failed: reload ` +
      'the page to try again, which runs the step under the same payment ' +
      'id, so the provider can charge it once',
    { cause, details: { paymentId: payment.id } },
  )
}

/**
 * Builds the error of confirmations that failed. `rejected` is set when the
 * platform refused one with a 4xx other than 429, which a plain retry does
 * not change, so the message points to the app's credentials first.
 */
function confirmationError(
  payment: BillingPayment,
  failures: string[],
  rejected: boolean,
): HoopkitError {
  const advice = rejected
    ? 'check HOOPAI_CLIENT_ID and HOOPAI_CLIENT_SECRET, then reload the ' +
      'page to send them again; the customer is not charged again'
    : 'reload the page to send them again; the customer is not charged again'
  return new HoopkitError(
    'BILLING_CONFIRMATION_FAILED',
    `billing: the platform did not accept ${failures.length} ` +
      `confirmation(s) of payment ${payment.id} (${failures.join('; ')}): ` +
      advice,
    { details: { paymentId: payment.id } },
  )
}

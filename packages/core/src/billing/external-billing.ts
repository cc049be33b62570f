import type { Database } from '../db/database.js'
import { HoopkitError } from '../errors/hoopkit-error.js'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import { BillingConfirmer } from './billing-confirmer.js'
import {
  type BillingConfirmation,
  type BillingPayment,
  BillingPaymentStore,
} from './billing-payment-store.js'
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
}

/** The end of one visit to the Billing URL. */
export type ExternalBillingResult =
  | {
      ok: true
      /** `FAILED` means the payment failed and the platform received FAILED. */
      status: 'COMPLETED' | 'FAILED'
      request: BillingRequest
      payment: BillingPayment
      confirmations: BillingConfirmation[]
    }
  | { ok: false; error: HoopkitError; payment?: BillingPayment }

interface ConfirmationTarget {
  authType: 'location' | 'company'
  resourceId: string
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
   * Reports how far an install's billing got, without taking a payment:
   * `unpaid` when no completed payment is open, `unconfirmed` when one is
   * but a confirmation is still due, and `confirmed` when every one is sent.
   */
  async progress(
    request: BillingRequest,
  ): Promise<'unpaid' | 'unconfirmed' | 'confirmed'> {
    const payment = await this.#store.findOpen(request)
    if (payment === undefined || payment.status !== 'completed') {
      return 'unpaid'
    }

    const confirmed = new Set(
      (await this.#store.confirmationsOf(payment.id))
        .filter((confirmation) => confirmation.status === 'confirmed')
        .map(
          (confirmation) =>
            `${confirmation.auth_type} ${confirmation.resource_id}`,
        ),
    )
    const due = this.#targets(request).filter(
      (target) => !confirmed.has(`${target.authType} ${target.resourceId}`),
    )
    return due.length === 0 ? 'confirmed' : 'unconfirmed'
  }

  /**
   * Handles one visit to the Billing URL. `input` is what the app's payment
   * page posted, and it reaches the payment step unchanged.
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
    let payment = await this.#store.openPayment(request)
    if (payment.status === 'pending') {
      const paid = await this.#pay(request, payment, input)
      if (!paid.ok) {
        return paid
      }
      payment = paid.payment
    }

    return await this.#confirmAll(request, payment)
  }

  async #pay(
    request: BillingRequest,
    payment: BillingPayment,
    input: unknown,
  ): Promise<
    { ok: true; payment: BillingPayment } | { ok: false; error: HoopkitError }
  > {
    const leaseMs = this.#options.paymentLeaseMs ?? 300_000
    const claimed = await this.#store.claimPaymentStep(payment.id, leaseMs)
    if (!claimed) {
      const error = new HoopkitError(
        'BILLING_PAYMENT_IN_PROGRESS',
        `billing: payment ${payment.id} is still being taken: wait for it ` +
          'to finish, then reload the page',
        { details: { paymentId: payment.id } },
      )
      return { ok: false, error }
    }

    try {
      const outcome = await this.#options.paymentStep({
        request,
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

  async #confirmAll(
    request: BillingRequest,
    payment: BillingPayment,
  ): Promise<ExternalBillingResult> {
    const failures: string[] = []
    let rejected = false
    for (const target of this.#targets(request)) {
      const confirmation = await this.#store.prepareConfirmation({
        payment_id: payment.id,
        auth_type: target.authType,
        resource_id: target.resourceId,
        body_json: confirmationBody(request, payment, target),
      })
      if (confirmation.status === 'confirmed') {
        continue
      }

      const result = await this.#confirmer.confirm(confirmation.body_json)
      await this.#store.recordAttempts(confirmation, {
        confirmed: result.ok,
        attempts: result.attempts,
        error: result.ok ? null : result.error,
      })
      if (!result.ok) {
        failures.push(
          `${target.authType} ${target.resourceId}: ${result.error}`,
        )
        rejected ||= !result.retryable
      }
    }

    const confirmations = await this.#store.confirmationsOf(payment.id)
    if (failures.length > 0) {
      const error = confirmationError(payment, failures, rejected)
      return { ok: false, payment, error }
    }

    if (payment.status === 'failed') {
      await this.#store.close(payment.id)
    }
    const status = payment.status === 'completed' ? 'COMPLETED' : 'FAILED'
    return { ok: true, status, request, payment, confirmations }
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

import type { BillingPlan } from './billing-plan.js'
import type { BillingRequest } from './billing-request.js'

/** The result that the app's payment step reports for one payment. */
export interface PaymentOutcome {
  status: 'COMPLETED' | 'FAILED'
  /**
   * The amount that each confirmation reports: the price for one location
   * or agency, charged or, on failure, attempted.
   */
  amount: number
  paymentType: 'one_time' | 'recurring'
  subscriptionId?: string
  /** The payment provider's id, sent to the platform as `paymentId`. */
  paymentId?: string
  /** Shown to the user when the payment failed, such as "card declined". */
  failureReason?: string
}

/** The input of a payment step for one install. */
export interface PaymentAttempt {
  /**
   * The install, narrowed to the locations and company that this payment
   * bills: those already paid for on the same plan are left out.
   */
  request: BillingRequest
  /**
   * The plan that the installer picked, whose `baseAmount` is the price of
   * one location or agency, or `null` when the app passed no plans.
   */
  plan: BillingPlan | null
  /**
   * hoopkit's id of this payment. It stays the same when the step runs
   * again for the same install, so pass it to the payment provider as its
   * idempotency key.
   */
  paymentId: string
  /** The form data that the app's payment page posted, such as a card token. */
  input: unknown
}

/**
 * Takes the payment for one install, with the app's payment provider. It
 * runs once per install and plan: a reload of the Billing URL reuses the
 * recorded outcome.
 */
export type PaymentStep = (attempt: PaymentAttempt) => Promise<PaymentOutcome>

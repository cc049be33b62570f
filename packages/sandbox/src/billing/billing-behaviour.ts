/**
 * The billing behaviours that the platform's docs leave open. The defaults
 * are the stricter reading, and tests flip one at a time.
 */
export interface BillingBehaviour {
  /**
   * Whether paid apps created after 2026-06-17 get external billing. The
   * platform reportedly stopped offering it to them, so their installs go
   * on at once and the Billing URL is never used. An app counts as created
   * after that day unless its declaration's `createdAt` is earlier.
   * @default 'unavailable'
   */
  externalBilling: 'available' | 'unavailable'
  /**
   * An `agency,location` install also needs a `company` billing
   * confirmation before it leaves the pending state.
   * @default true
   */
  requireCompanyConfirmation: boolean
  /**
   * `POST /marketplace/billing/charges` returns the first charge again for
   * a repeated `eventId` instead of charging twice.
   * @default false
   */
  dedupeChargesByEventId: boolean
}

export const defaultBillingBehaviour: Readonly<BillingBehaviour> =
  Object.freeze({
    externalBilling: 'unavailable',
    requireCompanyConfirmation: true,
    dedupeChargesByEventId: false,
  })

/**
 * The billing behaviours that the platform's docs leave open. The defaults
 * are the stricter reading, and tests flip one at a time.
 */
export interface BillingBehaviour {
  /**
   * Whether paid apps with a Billing URL get external billing. It is
   * reported to be unavailable to apps created after 2026-06-17, and every
   * app the sandbox registers counts as new, so without it installs go on
   * at once and the Billing URL is never used.
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

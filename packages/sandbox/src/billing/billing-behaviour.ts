/**
 * The billing behaviours that the platform's docs leave open. The defaults
 * are the stricter reading, and tests flip one at a time.
 */
export interface BillingBehaviour {
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
    requireCompanyConfirmation: true,
    dedupeChargesByEventId: false,
  })

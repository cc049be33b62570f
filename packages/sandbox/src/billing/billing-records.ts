/** A subscription plan of a paid app, as the rebilling config lists it. */
export interface SubscriptionPlan {
  planId: string
  name: string
  /** The price that the platform bills the agency, in USD. */
  baseAmount: number
  /** The price that the agency resells the plan for, in USD. */
  resellingAmount: number
  paymentType: 'month' | 'year' | 'one_time'
  features: string[]
}

/** A usage meter of a paid app, such as one workflow action execution. */
export interface UsageMeter {
  meterId: string
  meterName: string
  productType: 'workflow_action' | 'custom'
  productName: string
  usageUnit: string
  priceType: 'fixed' | 'dynamic'
  /** USD per unit for `fixed` meters. */
  fixedPricePerUnit: number
  minPricePerUnit: number
  maxPricePerUnit: number
  executionLimitPerCycle: number
}

/** An app's billing setup in the developer portal. */
export interface AppBilling {
  appId: string
  /** The app's Billing URL, for external billing, or `null`. */
  billingUrl: string | null
  plans: SubscriptionPlan[]
  meters: UsageMeter[]
}

/** One `POST /oauth/billing/webhook` that the sandbox accepted. */
export interface BillingConfirmationRecord {
  appId: string
  clientId: string
  authType: 'location' | 'company'
  resourceId: string
  status: 'COMPLETED' | 'FAILED'
  amount: number
  paymentType: string
  paymentId: string | null
  subscriptionId: string | null
  /** The request body exactly as received. */
  rawBody: string
  receivedAt: string
}

/** A wallet transaction, in the shape of `GET /marketplace/billing/charges`. */
export interface WalletCharge {
  chargeId: string
  appId: string
  meterId: string
  entityType: 'location'
  entityId: string
  companyId: string
  units: number
  pricePerUnit: number
  amountCharged: number
  currency: 'USD'
  transactionType: 'charge' | 'refund'
  refunded: boolean
  meta: {
    eventId: string
    description: string
    eventTime: string
    userId?: string
  }
  createdAt: string
  updatedAt: string
}

/**
 * An install that waits for its billing confirmations before the platform
 * sends INSTALL. `release` sends the INSTALL webhooks.
 */
export interface PendingBillingInstall {
  appId: string
  companyId: string
  installType: 'location' | 'agency' | 'agency,location'
  locationIds: string[]
  release: () => void | Promise<void>
}

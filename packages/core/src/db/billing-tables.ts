import type { BillingInstallType } from '../billing/install-type.js'

export type BillingPaymentStatus = 'pending' | 'completed' | 'failed'

/**
 * One payment taken on the app's Billing URL for one install. While the
 * payment is open, `open_key` equals `billing_key`, and its unique index
 * lets one payment at a time exist per install. Amounts are in the
 * currency of the app's payment step, and times are epoch milliseconds.
 */
export interface BillingPaymentsTable {
  id: string
  app_id: string
  client_id: string
  /** A hash of the client id, plan and the locations and company billed. */
  billing_key: string
  /** Equals `billing_key` until the payment is closed, then `null`. */
  open_key: string | null
  install_type: BillingInstallType
  company_id: string | null
  location_ids_json: string
  /** The plan bought, or `null` when the app passed no plans. */
  plan_id: string | null
  /**
   * The `location <id>` and `company <id>` keys that the payment bills, as
   * a JSON array. `null` on payments from before migration 0007.
   */
  targets_json: string | null
  status: BillingPaymentStatus
  amount: number | null
  payment_type: string | null
  subscription_id: string | null
  provider_payment_id: string | null
  failure_reason: string | null
  /** When a payment step last started on this payment, as a lease. */
  step_started_at: number | null
  created_at: number
  updated_at: number
  closed_at: number | null
}

export type BillingConfirmationStatus = 'pending' | 'confirmed'

/**
 * One `POST /oauth/billing/webhook` call for one location or company of a
 * payment. `body_json` is written before the first attempt, so every retry
 * sends the same bytes.
 */
export interface BillingConfirmationsTable {
  payment_id: string
  auth_type: 'location' | 'company'
  resource_id: string
  body_json: string
  status: BillingConfirmationStatus
  attempts: number
  last_error: string | null
  confirmed_at: number | null
  created_at: number
  updated_at: number
}

export type WalletChargeStatus = 'pending' | 'charged' | 'rejected' | 'refunded'

/**
 * One usage charge on a sub-account's wallet, keyed by the app's `eventId`.
 * The row is written before the charge is sent, so a retry after a crash
 * or a lost reply never sends a second charge for the same event.
 */
export interface WalletChargesTable {
  app_id: string
  event_id: string
  location_id: string
  company_id: string
  meter_id: string
  units: number
  price: number | null
  description: string
  body_json: string
  status: WalletChargeStatus
  charge_id: string | null
  last_error: string | null
  created_at: number
  updated_at: number
}

export interface BillingTables {
  billing_payments: BillingPaymentsTable
  billing_confirmations: BillingConfirmationsTable
  wallet_charges: WalletChargesTable
}

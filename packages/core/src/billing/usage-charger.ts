import type { ApiClient } from '../api/api-client.js'
import type {
  Charge,
  ListChargesQuery,
} from '../api/endpoints/marketplace-endpoints.js'
import { platformStatusOf } from '../api/platform-status.js'
import type { Database } from '../db/database.js'
import { HoopkitError } from '../errors/hoopkit-error.js'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import {
  type WalletCharge,
  type WalletChargeInput,
  WalletChargeStore,
} from './wallet-charge-store.js'

export interface UsageChargerOptions {
  database: Database
  client: ApiClient
  /** The app id, the part of the client id before its first `-`. */
  appId: string
  logger?: Logger
  /**
   * How long a charge being sent blocks another send for the same event,
   * in ms. After it, a retry looks the charge up on the platform first.
   * @default 60000
   */
  sendLeaseMs?: number
  now?: () => number
}

/** One usage charge on a sub-account's wallet. */
export type ChargeRequest = WalletChargeInput

export type ChargeResult =
  | {
      ok: true
      /** The platform's charge id, or `null` if its reply had none. */
      chargeId: string | null
      /** True when an earlier call already charged this event. */
      repeated: boolean
    }
  | {
      ok: false
      reason: 'insufficient_funds' | 'rejected' | 'in_progress' | 'unknown'
      error: HoopkitError
    }

/**
 * Charges sub-account wallets for usage. Each charge is checked against
 * `has-funds`, recorded by `eventId` before it is sent, and marked with the
 * platform's charge id after. The platform's own dedupe on `eventId` is
 * not documented, so a retry of an event whose outcome was lost lists the
 * platform's charges for that `eventId` and sends nothing when one exists.
 */
export class UsageCharger {
  readonly #options: UsageChargerOptions
  readonly #store: WalletChargeStore
  readonly #logger: Logger

  constructor(options: UsageChargerOptions) {
    this.#options = options
    this.#store = new WalletChargeStore(options.database.db, options.now)
    this.#logger = options.logger ?? silentLogger
  }

  get store(): WalletChargeStore {
    return this.#store
  }

  /**
   * Charges one event: resumes an earlier send of the same `eventId` when
   * there was one, checks `has-funds`, then sends the charge once.
   */
  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const { appId } = this.#options
    const earlier = await this.#store.find(appId, request.eventId)
    if (earlier?.status === 'charged' || earlier?.status === 'refunded') {
      return { ok: true, chargeId: earlier.charge_id, repeated: true }
    }

    const leaseMs = this.#options.sendLeaseMs ?? 60_000
    const claim = await this.#store.claim(appId, request, leaseMs)
    if (!claim.ok) {
      return inProgress(request)
    }

    if (claim.resumed) {
      const landed = await this.#findOnPlatform(request)
      if (landed !== undefined) {
        await this.#store.markCharged(appId, request.eventId, landed.chargeId)
        return { ok: true, chargeId: landed.chargeId, repeated: true }
      }
    }

    const hasFunds = await this.#hasFunds(request)
    if (!hasFunds) {
      await this.#store.markRejected(appId, request.eventId, 'no funds')
      return insufficientFunds(request)
    }
    return await this.#send(request, claim.row)
  }

  /** Refunds a charge with `DELETE /marketplace/billing/charges/{id}`. */
  async refund(locationId: string, chargeId: string): Promise<void> {
    const api = this.#options.client.location(locationId).charges
    await api.delete(chargeId)
    await this.#store.markRefunded(this.#options.appId, chargeId)
    this.#logger.info({ locationId, chargeId }, 'wallet charge refunded')
  }

  /** Lists a location's charges as the platform records them. */
  async list(locationId: string, query?: ListChargesQuery): Promise<Charge[]> {
    const api = this.#options.client.location(locationId).charges
    const { charges } = await api.list(query)
    return charges
  }

  #api(request: ChargeRequest) {
    return this.#options.client.location(request.locationId, {
      companyId: request.companyId,
    }).charges
  }

  /** Asks `has-funds`, and ends the claim when the question fails. */
  async #hasFunds(request: ChargeRequest): Promise<boolean> {
    try {
      const { hasFunds } = await this.#api(request).hasFunds()
      return hasFunds
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      await this.#store.releaseClaim(
        this.#options.appId,
        request.eventId,
        message,
      )
      throw error
    }
  }

  async #findOnPlatform(request: ChargeRequest): Promise<Charge | undefined> {
    const charges = await this.#api(request).list({ eventId: request.eventId })
    return charges.charges.find(
      (charge) =>
        charge.transactionType !== 'refund' &&
        (charge.meta as { eventId?: unknown } | null)?.eventId ===
          request.eventId,
    )
  }

  async #send(
    request: ChargeRequest,
    row: WalletCharge,
  ): Promise<ChargeResult> {
    const { appId } = this.#options
    const body = JSON.parse(row.body_json)
    try {
      const created = await this.#api(request).create(body)
      const chargeId = created.chargeId ?? null
      await this.#store.markCharged(appId, request.eventId, chargeId)
      this.#logger.info(
        { eventId: request.eventId, chargeId },
        'wallet charged',
      )
      return { ok: true, chargeId, repeated: false }
    } catch (error) {
      return await this.#sendFailed(request, error)
    }
  }

  async #sendFailed(
    request: ChargeRequest,
    error: unknown,
  ): Promise<ChargeResult> {
    const { appId } = this.#options
    const message = error instanceof Error ? error.message : String(error)
    const status = platformStatusOf(error)
    const rejected = status !== undefined && status >= 400 && status < 500
    if (rejected) {
      await this.#store.markRejected(appId, request.eventId, message)
    } else {
      await this.#store.releaseClaim(appId, request.eventId, message)
    }

    this.#logger.warn(
      { eventId: request.eventId, locationId: request.locationId, rejected },
      'wallet charge failed',
    )
    const wrapped = new HoopkitError(
      'WALLET_CHARGE_FAILED',
      rejected
        ? `wallet charge: the platform rejected event ${request.eventId}: ` +
            `${message}`
        : `wallet charge: the outcome of event ${request.eventId} is ` +
            'unknown: call charge() again with the same eventId, which ' +
            'checks the platform before it sends the charge again',
      { cause: error, details: { eventId: request.eventId } },
    )
    return {
      ok: false,
      reason: rejected ? 'rejected' : 'unknown',
      error: wrapped,
    }
  }
}

function insufficientFunds(request: ChargeRequest): ChargeResult {
  const error = new HoopkitError(
    'INSUFFICIENT_FUNDS',
    `wallet charge: sub-account ${request.locationId} has no funds for ` +
      `event ${request.eventId}: ask the agency to add funds to its wallet; ` +
      'nothing was charged',
    { details: { locationId: request.locationId, eventId: request.eventId } },
  )
  return { ok: false, reason: 'insufficient_funds', error }
}

function inProgress(request: ChargeRequest): ChargeResult {
  const error = new HoopkitError(
    'WALLET_CHARGE_FAILED',
    `wallet charge: event ${request.eventId} is being charged by another ` +
      'call: retry after it finished',
    { details: { eventId: request.eventId } },
  )
  return { ok: false, reason: 'in_progress', error }
}

import type { Kysely, Selectable } from 'kysely'
import type { WalletChargesTable } from '../db/billing-tables.js'
import type { DatabaseSchema } from '../db/schema.js'

export type WalletCharge = Selectable<WalletChargesTable>

/** The fields of a charge that the store keeps and sends. */
export interface WalletChargeInput {
  locationId: string
  /** The agency of the location, which the platform needs on each charge. */
  companyId: string
  meterId: string
  /**
   * The app's id for the billed event, such as a workflow execution. A
   * retry with the same id never charges twice.
   */
  eventId: string
  units: number
  description: string
  /** The price per unit, for meters with a dynamic price. */
  price?: number
  userId?: string
}

export type ChargeClaim =
  | { ok: true; row: WalletCharge; resumed: boolean }
  | { ok: false }

/**
 * The app's record of its wallet charges, one row per `eventId`. A charge
 * is claimed before it is sent: the claim fails while another call sends
 * the same event, and a stale claim is resumed, since its sender died or
 * lost the reply.
 */
export class WalletChargeStore {
  readonly #db: Kysely<DatabaseSchema>
  readonly #now: () => number

  constructor(db: Kysely<DatabaseSchema>, now: () => number = Date.now) {
    this.#db = db
    this.#now = now
  }

  async find(appId: string, eventId: string) {
    return await this.#db
      .selectFrom('wallet_charges')
      .selectAll()
      .where('app_id', '=', appId)
      .where('event_id', '=', eventId)
      .executeTakeFirst()
  }

  /** Lists an app's charges on a location, newest first. */
  async listFor(appId: string, locationId: string, limit = 50) {
    return await this.#db
      .selectFrom('wallet_charges')
      .selectAll()
      .where('app_id', '=', appId)
      .where('location_id', '=', locationId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute()
  }

  /**
   * Claims an event for one send. A new event is inserted with its body,
   * whose `eventTime` is fixed here, so every later send is identical.
   * `resumed` is true when an earlier send of the same event may have
   * reached the platform.
   */
  async claim(
    appId: string,
    input: WalletChargeInput,
    leaseMs: number,
  ): Promise<ChargeClaim> {
    const now = this.#now()
    const inserted = await this.#db
      .insertInto('wallet_charges')
      .values(newRow(appId, input, now))
      .onConflict((conflict) =>
        conflict.columns(['app_id', 'event_id']).doNothing(),
      )
      .executeTakeFirst()
    if ((inserted.numInsertedOrUpdatedRows ?? 0n) > 0n) {
      return {
        ok: true,
        row: await this.#row(appId, input.eventId),
        resumed: false,
      }
    }

    const claimed = await this.#db
      .updateTable('wallet_charges')
      .set({ status: 'pending', updated_at: now })
      .where('app_id', '=', appId)
      .where('event_id', '=', input.eventId)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'rejected'),
          eb.and([
            eb('status', '=', 'pending'),
            eb('updated_at', '<', now - leaseMs),
          ]),
        ]),
      )
      .executeTakeFirst()
    if (claimed.numUpdatedRows === 0n) {
      return { ok: false }
    }
    return {
      ok: true,
      row: await this.#row(appId, input.eventId),
      resumed: true,
    }
  }

  async markCharged(appId: string, eventId: string, chargeId: string | null) {
    await this.#update(appId, eventId, {
      status: 'charged',
      charge_id: chargeId,
      last_error: null,
    })
  }

  async markRejected(appId: string, eventId: string, error: string) {
    await this.#update(appId, eventId, {
      status: 'rejected',
      last_error: error,
    })
  }

  /** Ends a claim whose outcome is unknown, so the next call resumes it. */
  async releaseClaim(appId: string, eventId: string, error: string) {
    await this.#update(appId, eventId, { last_error: error, updated_at: 0 })
  }

  async markRefunded(appId: string, chargeId: string) {
    await this.#db
      .updateTable('wallet_charges')
      .set({ status: 'refunded', updated_at: this.#now() })
      .where('app_id', '=', appId)
      .where('charge_id', '=', chargeId)
      .execute()
  }

  async #row(appId: string, eventId: string): Promise<WalletCharge> {
    return await this.#db
      .selectFrom('wallet_charges')
      .selectAll()
      .where('app_id', '=', appId)
      .where('event_id', '=', eventId)
      .executeTakeFirstOrThrow()
  }

  async #update(
    appId: string,
    eventId: string,
    changes: Partial<Omit<WalletChargesTable, 'app_id' | 'event_id'>>,
  ) {
    await this.#db
      .updateTable('wallet_charges')
      .set({ updated_at: this.#now(), ...changes })
      .where('app_id', '=', appId)
      .where('event_id', '=', eventId)
      .execute()
  }
}

function newRow(appId: string, input: WalletChargeInput, now: number) {
  const body = {
    meterId: input.meterId,
    eventId: input.eventId,
    companyId: input.companyId,
    description: input.description,
    units: input.units,
    ...(input.price === undefined ? {} : { price: input.price }),
    ...(input.userId === undefined ? {} : { userId: input.userId }),
    eventTime: new Date(now).toISOString(),
  }
  return {
    app_id: appId,
    event_id: input.eventId,
    location_id: input.locationId,
    company_id: input.companyId,
    meter_id: input.meterId,
    units: input.units,
    price: input.price ?? null,
    description: input.description,
    body_json: JSON.stringify(body),
    status: 'pending' as const,
    charge_id: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  }
}

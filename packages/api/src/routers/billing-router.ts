import { InstallPlans, WalletChargeStore } from '@hoopkit/core'
import { locationProcedure } from '../tenant/session-procedure.js'
import { router } from '../trpc.js'

/** One usage charge as the UIs see it. */
export interface ChargeView {
  eventId: string
  chargeId: string | null
  description: string
  units: number
  status: 'pending' | 'charged' | 'rejected' | 'refunded'
  /** Epoch milliseconds. */
  createdAt: number
}

/** A sub-account's plan and recent usage charges. */
export interface BillingSummary {
  locationId: string
  planId: string | null
  onTrial: boolean
  /** Days of trial, when the install started on one. */
  trialDays: number | null
  charges: ChargeView[]
  /** Units charged and not refunded, over the listed charges. */
  chargedUnits: number
}

const listedCharges = 20

export const billingRouter = router({
  /**
   * Returns the sub-account's plan, trial and latest usage charges, from
   * the app's own records, so the page works while the platform is slow.
   */
  summary: locationProcedure.query(async ({ ctx }): Promise<BillingSummary> => {
    const { database, appId } = ctx.deps
    const plans = new InstallPlans({ database })
    const charges = new WalletChargeStore(database.db)
    const plan = await plans.get(appId, ctx.locationId)
    const rows = await charges.listFor(appId, ctx.locationId, listedCharges)

    const views: ChargeView[] = rows.map((row) => ({
      eventId: row.event_id,
      chargeId: row.charge_id,
      description: row.description,
      units: row.units,
      status: row.status,
      createdAt: row.created_at,
    }))
    return {
      locationId: ctx.locationId,
      planId: plan?.planId ?? null,
      onTrial: plan?.trial?.onTrial ?? false,
      trialDays: plan?.trial?.trialDuration ?? null,
      charges: views,
      chargedUnits: views
        .filter((view) => view.status === 'charged')
        .reduce((sum, view) => sum + view.units, 0),
    }
  }),
})

import { z } from 'zod'
import type { Database } from '../db/database.js'
import { HoopkitError } from '../errors/hoopkit-error.js'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import type { WebhookHandlers } from '../webhooks/webhook-handlers.js'

const trialSchema = z.looseObject({
  onTrial: z.boolean().optional(),
  trialDuration: z.number().optional(),
  trialStartDate: z.string().nullish(),
})

/** The trial an install started with, as INSTALL reports it. */
export type InstallTrial = z.infer<typeof trialSchema>

/** The plan and trial of one install. */
export interface InstallPlan {
  resourceId: string
  planId: string | null
  trial: InstallTrial | null
}

/**
 * Reads and changes the plan of each install, in the `plan_id` and
 * `trial_json` columns of `installs`. INSTALL writes both; PLAN_CHANGE
 * moves `plan_id` to the new plan.
 */
export class InstallPlans {
  readonly #database: Database
  readonly #now: () => number

  constructor(options: { database: Database; now?: () => number }) {
    this.#database = options.database
    this.#now = options.now ?? Date.now
  }

  async get(
    appId: string,
    resourceId: string,
  ): Promise<InstallPlan | undefined> {
    const row = await this.#database.db
      .selectFrom('installs')
      .select(['resource_id', 'plan_id', 'trial_json'])
      .where('app_id', '=', appId)
      .where('resource_id', '=', resourceId)
      .executeTakeFirst()
    if (row === undefined) {
      return undefined
    }
    return {
      resourceId: row.resource_id,
      planId: row.plan_id,
      trial: parseTrial(row.trial_json),
    }
  }

  /**
   * Sets an install's plan. Returns false when no install of the app is
   * stored for the resource, such as a PLAN_CHANGE that arrived first.
   */
  async setPlan(
    appId: string,
    resourceId: string,
    planId: string | null,
  ): Promise<boolean> {
    const result = await this.#database.db
      .updateTable('installs')
      .set({ plan_id: planId, updated_at: this.#now() })
      .where('app_id', '=', appId)
      .where('resource_id', '=', resourceId)
      .executeTakeFirst()
    return result.numUpdatedRows > 0n
  }

  /**
   * Registers a PLAN_CHANGE handler that moves the install to `newPlanId`.
   * An event for an install that is not stored yet throws, so the webhook
   * worker retries it after the INSTALL.
   */
  handlePlanChanges(handlers: WebhookHandlers, logger: Logger = silentLogger) {
    handlers.on('PLAN_CHANGE', async (event) => {
      const resourceId = event.locationId ?? event.companyId
      if (resourceId == null) {
        logger.warn({ appId: event.appId }, 'PLAN_CHANGE names no install')
        return
      }

      const newPlanId = event.newPlanId ?? null
      const changed = await this.setPlan(event.appId, resourceId, newPlanId)
      if (!changed) {
        throw new HoopkitError(
          'INSTALL_NOT_FOUND',
          `plan change: no install of app ${event.appId} is stored for ` +
            `${resourceId}: the event is retried after the INSTALL`,
          { details: { resourceId } },
        )
      }
      logger.info(
        { resourceId, from: event.currentPlanId, to: newPlanId },
        'install plan changed',
      )
    })
    return this
  }
}

function parseTrial(json: string | null): InstallTrial | null {
  if (json === null) {
    return null
  }
  const parsed = trialSchema.safeParse(JSON.parse(json))
  return parsed.success ? parsed.data : null
}

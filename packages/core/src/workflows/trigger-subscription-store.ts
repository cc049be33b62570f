import type { Kysely, Selectable } from 'kysely'
import type { DatabaseSchema } from '../db/schema.js'
import type { TriggerSubscriptionsTable } from '../db/workflow-tables.js'
import type { TriggerFilter } from './trigger-filter.js'

export type TriggerSubscriptionRow = Selectable<TriggerSubscriptionsTable>

/** The target of one trigger's events in one workflow of one sub-account. */
export interface TriggerSubscription {
  locationId: string
  workflowId: string
  /** The id of the trigger in that workflow, `triggerData.id`. */
  triggerId: string
  triggerKey: string
  companyId: string | null
  targetUrl: string
  filters: TriggerFilter[]
}

/** Stores trigger subscriptions, one per (sub-account, workflow, trigger). */
export class TriggerSubscriptionStore {
  readonly #db: Kysely<DatabaseSchema>

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db
  }

  /** Inserts the subscription, or replaces its URL and filters. */
  async upsert(subscription: TriggerSubscription, now: number): Promise<void> {
    const changes = {
      trigger_key: subscription.triggerKey,
      company_id: subscription.companyId,
      target_url: subscription.targetUrl,
      filters_json: JSON.stringify(subscription.filters),
      updated_at: now,
    }
    await this.#db
      .insertInto('trigger_subscriptions')
      .values({
        ...changes,
        location_id: subscription.locationId,
        workflow_id: subscription.workflowId,
        trigger_id: subscription.triggerId,
        created_at: now,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['location_id', 'workflow_id', 'trigger_id'])
          .doUpdateSet(changes),
      )
      .execute()
  }

  /** Deletes one subscription; returns whether it existed. */
  async delete(
    key: Pick<TriggerSubscription, 'locationId' | 'workflowId' | 'triggerId'>,
  ): Promise<boolean> {
    const result = await this.#db
      .deleteFrom('trigger_subscriptions')
      .where('location_id', '=', key.locationId)
      .where('workflow_id', '=', key.workflowId)
      .where('trigger_id', '=', key.triggerId)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }

  /** Deletes every subscription of a sub-account, as on its uninstall. */
  async deleteLocation(locationId: string): Promise<number> {
    const result = await this.#db
      .deleteFrom('trigger_subscriptions')
      .where('location_id', '=', locationId)
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  /** Deletes every subscription of an agency's sub-accounts. */
  async deleteCompany(companyId: string): Promise<number> {
    const result = await this.#db
      .deleteFrom('trigger_subscriptions')
      .where('company_id', '=', companyId)
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  async forTrigger(
    locationId: string,
    triggerKey: string,
  ): Promise<TriggerSubscription[]> {
    const rows = await this.#db
      .selectFrom('trigger_subscriptions')
      .selectAll()
      .where('location_id', '=', locationId)
      .where('trigger_key', '=', triggerKey)
      .orderBy('created_at')
      .execute()
    return rows.map(toSubscription)
  }
}

function toSubscription(row: TriggerSubscriptionRow): TriggerSubscription {
  return {
    locationId: row.location_id,
    workflowId: row.workflow_id,
    triggerId: row.trigger_id,
    triggerKey: row.trigger_key,
    companyId: row.company_id,
    targetUrl: row.target_url,
    filters: JSON.parse(row.filters_json) as TriggerFilter[],
  }
}

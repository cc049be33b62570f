import type { ChargedExecution, LocationApi, Logger } from '@hoopkit/core'

/** The services that the example actions and triggers use. */
export interface WorkflowDeps {
  /** The rate-limited API client's scope for one sub-account. */
  location(locationId: string): LocationApi
  /** Fires one of the app's triggers; see `TriggerFirer.fire`. */
  fire(key: string, locationId: string, payload: unknown): Promise<unknown>
  logger: Logger
  /**
   * Charges the sub-account's wallet for one execution of a premium
   * action; unset when the app bills no usage.
   */
  charge?: (execution: ChargedExecution) => Promise<string | null>
}

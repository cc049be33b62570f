import type { LocationApi, Logger } from '@hoopkit/core'

/** What the example actions and triggers use. */
export interface WorkflowDeps {
  /** The rate-limited API client's scope for one sub-account. */
  location(locationId: string): LocationApi
  /** Fires one of the app's triggers; see `TriggerFirer.fire`. */
  fire(key: string, locationId: string, payload: unknown): Promise<unknown>
  logger: Logger
}

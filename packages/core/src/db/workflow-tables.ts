export type ActionExecutionStatus =
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'paused'
  | 'resuming'
  | 'resumed'

/**
 * One execution of a workflow action, keyed by a hash of the request, so a
 * repeated delivery finds the first one. Times are epoch milliseconds.
 */
export interface ActionExecutionsTable {
  execution_key: string
  execution_id: string
  action_key: string
  location_id: string
  contact_id: string | null
  workflow_id: string
  status: ActionExecutionStatus
  /** The HTTP status and JSON body of the first reply, once known. */
  reply_status: number | null
  reply_json: string | null
  /** The request's `extras`, which the resume call sends back. */
  extras_json: string
  created_at: number
  updated_at: number
}

/** Where the platform wants one workflow's trigger events delivered. */
export interface TriggerSubscriptionsTable {
  location_id: string
  workflow_id: string
  trigger_id: string
  trigger_key: string
  company_id: string | null
  target_url: string
  filters_json: string
  created_at: number
  updated_at: number
}

export interface WorkflowTables {
  action_executions: ActionExecutionsTable
  trigger_subscriptions: TriggerSubscriptionsTable
}

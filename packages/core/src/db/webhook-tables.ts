export type WebhookEventStatus = 'pending' | 'processing' | 'done' | 'dead'

/**
 * The durable webhook inbox. Each row is one received event, keyed by its
 * `webhookId`, so the row is also the dedupe record. Times are epoch
 * milliseconds.
 */
export interface WebhookEventsTable {
  webhook_id: string
  type: string
  app_id: string | null
  company_id: string | null
  location_id: string | null
  /** The verified body, as received. */
  body: string
  status: WebhookEventStatus
  attempts: number
  next_attempt_at: number
  lease_owner: string | null
  lease_expires_at: number | null
  last_error: string | null
  received_at: number
  processed_at: number | null
}

export interface WebhookTables {
  webhook_events: WebhookEventsTable
}

import { EventEmitter } from 'node:events'
import type { Contact } from './state/entities.js'

/**
 * Changes inside the sandbox that the platform reports to apps. The webhook
 * module turns each into the matching webhook delivery.
 */
export interface SandboxEventMap {
  /** Sends a webhook body, without `timestamp` and `webhookId`, to an app. */
  webhook: [{ appId: string; body: Record<string, unknown> }]
  contactCreated: [Contact]
  contactUpdated: [Contact]
  contactDeleted: [Contact]
}

export class SandboxEvents extends EventEmitter<SandboxEventMap> {}

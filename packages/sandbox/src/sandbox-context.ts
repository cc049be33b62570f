import type { Logger } from '@hoopkit/core'
import type { TokenStore } from './oauth/token-store.js'
import type { SandboxAuth } from './sandbox-auth.js'
import type { SandboxClock } from './sandbox-clock.js'
import type { SandboxEvents } from './sandbox-events.js'
import type { SandboxState } from './state/sandbox-state.js'
import type { WebhookKeys } from './webhooks/webhook-keys.js'

/** What every route module of the sandbox receives. */
export interface SandboxContext {
  readonly state: SandboxState
  readonly clock: SandboxClock
  readonly events: SandboxEvents
  readonly logger: Logger
  /** Checks bearer tokens on the API routes. */
  readonly auth: SandboxAuth
  /** The access and refresh tokens the sandbox issued. */
  readonly tokens: TokenStore
  /**
   * Signs webhook deliveries. `webhookKeys.publicKeyPem` is the key that
   * `hoopkit dev` hands to the backend as `HOOPAI_WEBHOOK_PUBLIC_KEY`.
   */
  readonly webhookKeys: WebhookKeys
  /** The sandbox's own origin, such as `http://127.0.0.1:4100`. */
  baseUrl(): string
}

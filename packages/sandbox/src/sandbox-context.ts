import type { Logger } from '@hoopkit/core'
import type { ActivityLog } from './activity-log.js'
import type { SandboxApi } from './api/sandbox-api.js'
import type { InstallFlow } from './oauth/install-flow.js'
import type { InstallStore } from './oauth/install-store.js'
import type { TokenStore } from './oauth/token-store.js'
import type { PlatformBehaviour } from './platform-behaviour.js'
import type { SandboxAuth } from './sandbox-auth.js'
import type { SandboxClock } from './sandbox-clock.js'
import type { SandboxEvents } from './sandbox-events.js'
import type { SandboxState } from './state/sandbox-state.js'
import type { WebhookKeys } from './webhooks/webhook-keys.js'

/** The services that every route module of the sandbox receives. */
export interface SandboxContext {
  readonly state: SandboxState
  readonly clock: SandboxClock
  readonly events: SandboxEvents
  readonly logger: Logger
  /** Checks bearer tokens on the API routes. */
  readonly auth: SandboxAuth
  /** The access and refresh tokens the sandbox issued. */
  readonly tokens: TokenStore
  /** The apps installed on each agency and sub-account. */
  readonly installs: InstallStore
  /** Installs and uninstalls apps and sends their INSTALL and UNINSTALL. */
  readonly installFlow: InstallFlow
  /** The settings for behaviours that the platform's docs leave open. */
  readonly behaviour: PlatformBehaviour
  /** What the sandbox sent to apps, for the UI. */
  readonly activity: ActivityLog
  /**
   * Signs webhook deliveries. `webhookKeys.publicKeyPem` is the key that
   * `hoopkit dev` hands to the backend as `HOOPAI_WEBHOOK_PUBLIC_KEY`.
   */
  readonly webhookKeys: WebhookKeys
  /** Rate limits and injected faults of the API routes. */
  readonly api: SandboxApi
  /** The sandbox's own origin, such as `http://127.0.0.1:4100`. */
  baseUrl(): string
}

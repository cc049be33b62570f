import {
  createWebhookRuntime,
  type Database,
  type Logger,
  type OauthServices,
  type WebhookRuntime,
  webhookVerifierFromEnv,
} from '@hoopkit/core'
import type { BackendEnv } from '../env.js'
import { registerAppHandlers } from './app-webhook-handlers.js'

export interface WebhookServicesInput {
  env: Readonly<BackendEnv>
  database: Database
  oauth: OauthServices
  logger: Logger
}

/**
 * Builds the backend's webhook runtime from the environment. It throws at
 * startup when no webhook key is configured, unless HOOPKIT_WEBHOOK_DEV_MODE
 * is on. The webhook routes start its worker once the server is ready.
 */
export function createWebhookServices(
  input: WebhookServicesInput,
): WebhookRuntime {
  const { env, logger } = input
  const runtime = createWebhookRuntime({
    database: input.database,
    verifier: webhookVerifierFromEnv(env, logger),
    oauth: input.oauth,
    logger,
    toleranceMs: env.HOOPKIT_WEBHOOK_TOLERANCE_SECONDS * 1000,
    bodyLimitBytes: env.HOOPKIT_WEBHOOK_BODY_LIMIT_BYTES,
    eventRetentionMs: env.HOOPKIT_WEBHOOK_RETENTION_SECONDS * 1000,
    uninstallRetentionMs: env.HOOPKIT_UNINSTALL_RETENTION_SECONDS * 1000,
    onUninstall: (install) => {
      logger.info(
        { resourceId: install.resourceId, userType: install.userType },
        'app uninstalled',
      )
    },
  })
  if (env.HOOPAI_WEBHOOK_PUBLIC_KEY.trim() === '') {
    logger.warn(
      { variable: 'HOOPAI_WEBHOOK_PUBLIC_KEY' },
      'webhook key missing in dev mode: every webhook gets 401 until it is set',
    )
  }
  registerAppHandlers(runtime.handlers, logger)
  return runtime
}

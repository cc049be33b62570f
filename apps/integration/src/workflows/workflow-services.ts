import type {
  ApiClient,
  Database,
  ExecutionCharges,
  Logger,
  WebhookRuntime,
} from '@hoopkit/core'
import {
  createWorkflowApp,
  registerWorkflowWebhooks,
  type WorkflowApp,
} from '@hoopkit/workflow-actions'
import type { BackendEnv } from '../env.js'

export interface WorkflowServicesInput {
  env: Readonly<BackendEnv>
  database: Database
  /** The client of the tRPC procedures, so both share one rate limiter. */
  client: ApiClient
  logger: Logger
  /** Bills the premium action per execution. */
  charges?: ExecutionCharges
  /** Gets the ContactCreate handler and the uninstall cleanup step. */
  webhooks: WebhookRuntime
}

/**
 * Builds the example app's workflow actions and triggers, or returns null
 * when `HOOPKIT_ACTION_SECRET` is unset, since every workflow call must
 * carry that secret.
 */
export function createWorkflowServices(
  input: WorkflowServicesInput,
): WorkflowApp | null {
  const { env } = input
  const logger = input.logger.child({ component: 'workflows' })
  if (!env.HOOPKIT_ACTION_SECRET) {
    logger.warn(
      {},
      'workflow actions disabled: set HOOPKIT_ACTION_SECRET to serve them',
    )
    return null
  }

  const app = createWorkflowApp({
    database: input.database,
    client: input.client,
    logger,
    secret: env.HOOPKIT_ACTION_SECRET,
    previousSecrets: env.HOOPKIT_ACTION_PREVIOUS_SECRETS,
    secretHeader: env.HOOPKIT_ACTION_SECRET_HEADER,
    apiUrl: env.HOOPAI_API_URL,
    deadlineMs: env.HOOPKIT_ACTION_DEADLINE_MS,
    ...(input.charges ? { charges: input.charges } : {}),
  })
  registerWorkflowWebhooks(
    app,
    input.webhooks.handlers,
    input.webhooks.lifecycle.cleanup,
  )
  return app
}

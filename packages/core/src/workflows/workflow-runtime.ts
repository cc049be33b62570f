import type { Kysely } from 'kysely'
import type { DatabaseSchema } from '../db/schema.js'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import type { Clock } from '../time/clock.js'
import { ActionExecutionStore } from './action-execution-store.js'
import { ActionExecutor } from './action-executor.js'
import { ActionResumer } from './action-resumer.js'
import { ActionSecret } from './action-secret.js'
import type { ActionDefinition } from './define-action.js'
import type { TriggerDefinition } from './define-trigger.js'
import type { LocationPoster } from './location-poster.js'
import { TriggerFirer } from './trigger-firer.js'
import { TriggerSubscriptionHandler } from './trigger-subscription-handler.js'
import { TriggerSubscriptionStore } from './trigger-subscription-store.js'

export interface WorkflowRuntimeOptions {
  db: Kysely<DatabaseSchema>
  /** Sends resume calls and trigger events with location tokens. */
  poster: LocationPoster
  // biome-ignore lint/suspicious/noExplicitAny: each action has its own types.
  actions: readonly ActionDefinition<any, any, any>[]
  // biome-ignore lint/suspicious/noExplicitAny: each trigger has its own payload.
  triggers?: readonly TriggerDefinition<any>[]
  /** `HOOPKIT_ACTION_SECRET`, sent by the platform as a static header. */
  secret: string
  /** `HOOPKIT_ACTION_PREVIOUS_SECRETS`, accepted during a rotation. @default [] */
  previousSecrets?: readonly string[]
  /** @default 'x-hoopkit-action-secret' */
  secretHeader?: string
  /** The platform's API URL; trigger `targetUrl`s must be on it. */
  apiUrl: string
  /** @default 8000 */
  deadlineMs?: number
  /** @default 900000 (15 minutes) */
  duplicateWindowMs?: number
  /** @default silentLogger */
  logger?: Logger
  clock?: Clock
}

/** Everything that serves an app's workflow actions and triggers. */
export interface WorkflowRuntime {
  readonly executor: ActionExecutor
  readonly resumer: ActionResumer
  readonly subscriptions: TriggerSubscriptionHandler
  readonly subscriptionStore: TriggerSubscriptionStore
  readonly firer: TriggerFirer
  // biome-ignore lint/suspicious/noExplicitAny: see the options.
  readonly actions: readonly ActionDefinition<any, any, any>[]
  // biome-ignore lint/suspicious/noExplicitAny: see the options.
  readonly triggers: readonly TriggerDefinition<any>[]
  /** The static header check of every workflow endpoint. */
  readonly secret: ActionSecret
}

/** Builds the executor, resumer, subscription handler and trigger firer. */
export function createWorkflowRuntime(
  options: WorkflowRuntimeOptions,
): WorkflowRuntime {
  const logger = (options.logger ?? silentLogger).child({ area: 'workflows' })
  const shared = {
    logger,
    ...(options.clock ? { clock: options.clock } : {}),
  }
  const store = new ActionExecutionStore(options.db)
  const subscriptionStore = new TriggerSubscriptionStore(options.db)
  const triggers = options.triggers ?? []
  const secret = new ActionSecret({
    secret: options.secret,
    ...(options.previousSecrets
      ? { previousSecrets: options.previousSecrets }
      : {}),
    ...(options.secretHeader ? { header: options.secretHeader } : {}),
  })

  const resumer = new ActionResumer({
    ...shared,
    store,
    poster: options.poster,
  })
  const executor = new ActionExecutor({
    ...shared,
    actions: options.actions,
    secret,
    ...(options.deadlineMs ? { deadlineMs: options.deadlineMs } : {}),
    ...(options.duplicateWindowMs
      ? { duplicateWindowMs: options.duplicateWindowMs }
      : {}),
    store,
    resumer,
  })
  const subscriptions = new TriggerSubscriptionHandler({
    ...shared,
    triggers,
    store: subscriptionStore,
    secret,
    targetOrigins: [options.apiUrl],
  })
  const firer = new TriggerFirer({
    ...shared,
    triggers,
    store: subscriptionStore,
    poster: options.poster,
  })

  return {
    executor,
    resumer,
    subscriptions,
    subscriptionStore,
    firer,
    actions: options.actions,
    triggers,
    secret,
  }
}

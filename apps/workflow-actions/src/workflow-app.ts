import {
  type ApiClient,
  apiLocationPoster,
  createWorkflowRuntime,
  type Database,
  type ExecutionCharges,
  HoopkitError,
  type Logger,
  type WorkflowRuntime,
  workflowMarketplaceJson,
} from '@hoopkit/core'
import { addNoteAndTags } from './actions/add-note-and-tags.js'
import { findContactByEmail } from './actions/find-contact-by-email.js'
import { premiumScoreLead } from './actions/premium-score-lead.js'
import { scoreLead } from './actions/score-lead.js'
import { contactCreatedWithTag } from './triggers/contact-created-with-tag.js'
import { leadScoredHot } from './triggers/lead-scored-hot.js'
import type { WorkflowDeps } from './workflow-deps.js'

/** The path prefix of the workflow endpoints in the backend. */
export const workflowPrefix = '/workflows'

export interface WorkflowAppOptions {
  database: Database
  /** The backend's rate-limited API client. */
  client: ApiClient
  logger: Logger
  /** `HOOPKIT_ACTION_SECRET`. */
  secret: string
  /** `HOOPKIT_ACTION_PREVIOUS_SECRETS`. @default [] */
  previousSecrets?: readonly string[]
  /** `HOOPKIT_ACTION_SECRET_HEADER`. @default 'x-hoopkit-action-secret' */
  secretHeader?: string
  /** `HOOPAI_API_URL`; trigger `targetUrl`s must be on it. */
  apiUrl: string
  /** `HOOPKIT_ACTION_DEADLINE_MS`. @default 8000 */
  deadlineMs?: number
  /** Bills the premium action per execution; without it, it is not served. */
  charges?: ExecutionCharges
}

/** The example app's actions and triggers, with the runtime that serves them. */
export interface WorkflowApp {
  readonly runtime: WorkflowRuntime
  /** Lists what to enter in the Marketplace, with URLs below `publicUrl`. */
  marketplaceJson(publicUrl: string): ReturnType<typeof workflowMarketplaceJson>
}

export function createWorkflowApp(options: WorkflowAppOptions): WorkflowApp {
  let runtime: WorkflowRuntime | undefined
  const deps: WorkflowDeps = {
    location: (locationId) => options.client.location(locationId),
    fire: async (key, locationId, payload) => {
      if (!runtime) {
        throw new HoopkitError(
          'INTERNAL',
          'workflow runtime: fire was called before the runtime was built',
        )
      }
      return runtime.firer.fire(key, locationId, payload)
    },
    logger: options.logger,
  }
  const charges = options.charges
  const actions = [
    addNoteAndTags(deps),
    scoreLead(deps),
    findContactByEmail(deps),
    ...(charges
      ? [
          premiumScoreLead({
            ...deps,
            charge: (execution) => charges.charge(execution),
          }),
        ]
      : []),
  ]
  const triggers = [leadScoredHot, contactCreatedWithTag]

  runtime = createWorkflowRuntime({
    db: options.database.db,
    poster: apiLocationPoster(options.client),
    actions,
    triggers,
    secret: options.secret,
    ...(options.previousSecrets
      ? { previousSecrets: options.previousSecrets }
      : {}),
    apiUrl: options.apiUrl,
    logger: options.logger,
    ...(options.secretHeader ? { secretHeader: options.secretHeader } : {}),
    ...(options.deadlineMs ? { deadlineMs: options.deadlineMs } : {}),
  })
  const built = runtime

  return {
    runtime: built,
    marketplaceJson: (publicUrl) =>
      workflowMarketplaceJson({
        actions,
        triggers,
        publicUrl,
        prefix: workflowPrefix,
        ...(options.secretHeader ? { secretHeader: options.secretHeader } : {}),
      }),
  }
}

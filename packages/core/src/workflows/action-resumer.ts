import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import type { Clock } from '../time/clock.js'
import { systemClock } from '../time/clock.js'
import type { ActionExecutionStore } from './action-execution-store.js'
import type { ActionExtras } from './action-request.js'
import type { LocationPoster } from './location-poster.js'

/**
 * The platform's resume endpoint, below its API URL.
 * NOTE: the platform shows this path only in its setup UI; it is the one
 * that apps report.
 */
export const resumeActionPath = '/workflows-marketplace/actions/resume-action'

export type ResumeResult =
  | { ok: true }
  | {
      ok: false
      reason: 'not_found' | 'not_paused' | 'request_failed'
      status?: number
    }

export interface ActionResumerOptions {
  store: ActionExecutionStore
  poster: LocationPoster
  /** @default silentLogger */
  logger?: Logger
  /** @default systemClock */
  clock?: Clock
}

/**
 * Resumes paused executions. Each one is resumed once: the first caller
 * moves it from `paused` to `resuming` in the database, and every later
 * caller, in any process, gets `not_paused`.
 */
export class ActionResumer {
  readonly #store: ActionExecutionStore
  readonly #poster: LocationPoster
  readonly #logger: Logger
  readonly #clock: Clock

  constructor(options: ActionResumerOptions) {
    this.#store = options.store
    this.#poster = options.poster
    this.#logger = options.logger ?? silentLogger
    this.#clock = options.clock ?? systemClock
  }

  /** Calls the resume endpoint for a paused execution, once. */
  async resume(executionId: string): Promise<ResumeResult> {
    const execution = await this.#store.byId(executionId)
    if (!execution) {
      return { ok: false, reason: 'not_found' }
    }

    const now = this.#clock.now()
    const won = await this.#store.transition(
      executionId,
      'paused',
      'resuming',
      now,
    )
    if (!won) {
      return { ok: false, reason: 'not_paused' }
    }

    const extras = JSON.parse(execution.extras_json) as ActionExtras
    const ids = { executionId, actionKey: execution.action_key, ...extras }
    const status = await this.#send(extras).catch((error: unknown) => {
      this.#logger.error({ ...ids, err: error }, 'action resume failed')
      return 0
    })

    if (status >= 200 && status < 300) {
      await this.#store.transition(
        executionId,
        'resuming',
        'resumed',
        this.#clock.now(),
      )
      this.#logger.info({ ...ids, status }, 'action resumed')
      return { ok: true }
    }

    // Back to paused, so a later call can try again.
    await this.#store.transition(
      executionId,
      'resuming',
      'paused',
      this.#clock.now(),
    )
    this.#logger.warn({ ...ids, status }, 'action resume rejected')
    return { ok: false, reason: 'request_failed', status }
  }

  async #send(extras: ActionExtras): Promise<number> {
    const reply = await this.#poster.post({
      locationId: extras.locationId,
      url: resumeActionPath,
      body: { extras },
    })
    return reply.status
  }
}

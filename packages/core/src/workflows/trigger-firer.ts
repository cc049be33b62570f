import { HoopkitError } from '../errors/hoopkit-error.js'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import type { Clock } from '../time/clock.js'
import { systemClock } from '../time/clock.js'
import type { TriggerDefinition } from './define-trigger.js'
import type { LocationPoster } from './location-poster.js'
import { matchesFilters } from './trigger-filter.js'
import type {
  TriggerSubscription,
  TriggerSubscriptionStore,
} from './trigger-subscription-store.js'

export type DeliveryOutcome = 'delivered' | 'dropped' | 'failed'

/** The outcome of one `fire` call, per subscription. */
export interface FireResult {
  /** The count of subscriptions whose filters passed the payload. */
  matched: number
  /** The count of subscriptions whose filters rejected the payload. */
  filtered: number
  deliveries: { workflowId: string; outcome: DeliveryOutcome; status: number }[]
}

export interface TriggerFirerOptions {
  // biome-ignore lint/suspicious/noExplicitAny: each trigger has its own payload.
  triggers: readonly TriggerDefinition<any>[]
  store: TriggerSubscriptionStore
  poster: LocationPoster
  /** Tries per delivery, counting the first. @default 3 */
  attempts?: number
  /** The wait before the first retry in ms, doubled for each later one. @default 500 */
  retryDelayMs?: number
  /** @default silentLogger */
  logger?: Logger
  /** @default systemClock */
  clock?: Clock
}

/**
 * Fires triggers: posts the payload to the `targetUrl` of every workflow
 * that subscribed to the trigger in that sub-account and whose filters
 * pass it. A 404 or 410 means the workflow is gone, so that subscription
 * is deleted.
 */
export class TriggerFirer {
  readonly #options: TriggerFirerOptions
  readonly #logger: Logger
  readonly #clock: Clock

  constructor(options: TriggerFirerOptions) {
    this.#options = options
    this.#logger = options.logger ?? silentLogger
    this.#clock = options.clock ?? systemClock
  }

  async fire(
    key: string,
    locationId: string,
    payload: unknown,
  ): Promise<FireResult> {
    const trigger = this.#trigger(key)
    const checked = trigger.payload.safeParse(payload)
    if (!checked.success) {
      throw new HoopkitError(
        'TRIGGER_PAYLOAD_INVALID',
        `trigger ${key}: payload does not match its schema: ` +
          checked.error.issues
            .map((issue) => `${issue.path.join('.')} ${issue.message}`)
            .join('; '),
      )
    }

    const subscriptions = await this.#options.store.forTrigger(locationId, key)
    const matching = subscriptions.filter((entry) =>
      matchesFilters(checked.data, entry.filters),
    )
    const deliveries = []
    for (const subscription of matching) {
      deliveries.push(await this.#deliver(subscription, checked.data))
    }
    return {
      matched: matching.length,
      filtered: subscriptions.length - matching.length,
      deliveries,
    }
  }

  // biome-ignore lint/suspicious/noExplicitAny: see `triggers`.
  #trigger(key: string): TriggerDefinition<any> {
    const trigger = this.#options.triggers.find((entry) => entry.key === key)
    if (!trigger) {
      const known = this.#options.triggers.map((entry) => entry.key).join(', ')
      throw new HoopkitError(
        'TRIGGER_NOT_FOUND',
        `trigger: expected one of the keys ${known || 'none'}, got ${JSON.stringify(key)}`,
      )
    }
    return trigger
  }

  async #deliver(subscription: TriggerSubscription, payload: unknown) {
    const ids = {
      triggerKey: subscription.triggerKey,
      locationId: subscription.locationId,
      workflowId: subscription.workflowId,
    }
    const attempts = this.#options.attempts ?? 3
    let status = 0
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      status = await this.#post(subscription, payload, ids)
      if (status >= 200 && status < 300) {
        this.#logger.info({ ...ids, status, attempt }, 'trigger delivered')
        return {
          workflowId: subscription.workflowId,
          outcome: 'delivered' as const,
          status,
        }
      }
      if (status === 404 || status === 410) {
        await this.#options.store.delete(subscription)
        this.#logger.info(
          { ...ids, status },
          'trigger subscription dropped: target gone',
        )
        return {
          workflowId: subscription.workflowId,
          outcome: 'dropped' as const,
          status,
        }
      }
      if (!isRetryable(status) || attempt === attempts) {
        break
      }
      this.#logger.warn(
        { ...ids, status, attempt },
        'trigger delivery failed, retrying',
      )
      await this.#clock.sleep(
        (this.#options.retryDelayMs ?? 500) * 2 ** (attempt - 1),
      )
    }

    this.#logger.error({ ...ids, status }, 'trigger delivery failed')
    return {
      workflowId: subscription.workflowId,
      outcome: 'failed' as const,
      status,
    }
  }

  // A network failure counts as status 0, which is retried.
  async #post(
    subscription: TriggerSubscription,
    payload: unknown,
    ids: Record<string, string>,
  ): Promise<number> {
    try {
      const reply = await this.#options.poster.post({
        locationId: subscription.locationId,
        ...(subscription.companyId
          ? { companyId: subscription.companyId }
          : {}),
        url: subscription.targetUrl,
        body: payload,
      })
      return reply.status
    } catch (error) {
      this.#logger.warn(
        { ...ids, err: error },
        'trigger delivery request failed',
      )
      return 0
    }
  }
}

// NOTE: a 5xx may come after the platform started the workflow, so a
// retry can start it twice.
function isRetryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500
}

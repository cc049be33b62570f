import { z } from 'zod'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import type { Clock } from '../time/clock.js'
import { systemClock } from '../time/clock.js'
import type { ActionReply } from './action-reply.js'
import { failure, fieldErrors } from './action-reply.js'
import type { ActionSecret } from './action-secret.js'
import type { TriggerDefinition } from './define-trigger.js'
import { triggerFilterSchema } from './trigger-filter.js'
import type { TriggerSubscriptionStore } from './trigger-subscription-store.js'

/** The body that the platform posts when a workflow using a trigger changes. */
export const subscriptionEventSchema = z.object({
  triggerData: z.looseObject({
    id: z.string().min(1),
    key: z.string().min(1),
    filters: z.array(triggerFilterSchema).default([]),
    eventType: z.enum(['CREATED', 'UPDATED', 'DELETED']),
    targetUrl: z.url().optional(),
  }),
  meta: z.looseObject({ key: z.string(), version: z.string() }),
  extras: z.looseObject({
    locationId: z.string().min(1),
    workflowId: z.string().min(1),
    companyId: z.string().min(1).optional(),
  }),
})

export interface TriggerSubscriptionHandlerOptions {
  triggers: readonly TriggerDefinition[]
  store: TriggerSubscriptionStore
  /** The static header check; see `ActionSecret`. */
  secret: ActionSecret
  /**
   * The origins that a `targetUrl` may have: the platform's API URL. Any
   * other origin is rejected, so a forged subscription cannot make the
   * app post events and location tokens elsewhere.
   */
  targetOrigins: readonly string[]
  /** @default silentLogger */
  logger?: Logger
  /** @default systemClock */
  clock?: Clock
}

/**
 * Handles the subscription URL of the app's triggers: stores the
 * `targetUrl` on CREATED and UPDATED, and deletes it on DELETED.
 */
export class TriggerSubscriptionHandler {
  readonly #options: TriggerSubscriptionHandlerOptions
  readonly #origins: ReadonlySet<string>

  constructor(options: TriggerSubscriptionHandlerOptions) {
    this.#options = options
    this.#origins = new Set(
      options.targetOrigins.map((url) => new URL(url).origin),
    )
  }

  async handle(call: {
    headers: Record<string, string | string[] | undefined>
    body: unknown
  }): Promise<ActionReply> {
    const unauthorized = this.#options.secret.check(
      call.headers,
      'trigger subscription',
    )
    if (unauthorized) {
      return unauthorized
    }

    const parsed = subscriptionEventSchema.safeParse(call.body)
    if (!parsed.success) {
      return failure(
        'ACTION_INPUT_INVALID',
        'trigger subscription: expected {triggerData, meta, extras}: see fieldErrors',
        { fieldErrors: fieldErrors(parsed.error) },
      )
    }
    return this.#apply(parsed.data)
  }

  async #apply(event: z.output<typeof subscriptionEventSchema>) {
    const { triggerData, extras } = event
    const known = this.#options.triggers.some(
      (entry) => entry.key === triggerData.key,
    )
    if (!known) {
      return failure(
        'ACTION_NOT_FOUND',
        `trigger subscription: no trigger has the key ${JSON.stringify(triggerData.key)}`,
      )
    }

    const key = {
      locationId: extras.locationId,
      workflowId: extras.workflowId,
      triggerId: triggerData.id,
    }
    const ids = {
      ...key,
      triggerKey: triggerData.key,
      eventType: triggerData.eventType,
    }
    const logger = this.#options.logger ?? silentLogger
    if (triggerData.eventType === 'DELETED') {
      const existed = await this.#options.store.delete(key)
      logger.info({ ...ids, existed }, 'trigger subscription deleted')
      return { status: 200, body: {} }
    }

    const targetUrl = triggerData.targetUrl
    if (!targetUrl || !this.#origins.has(new URL(targetUrl).origin)) {
      logger.warn({ ...ids, targetUrl }, 'trigger subscription rejected')
      return failure(
        'ACTION_INPUT_INVALID',
        `trigger subscription: expected a targetUrl on ${[...this.#origins].join(', ')}, ` +
          `got ${JSON.stringify(targetUrl ?? null)}: check HOOPAI_API_URL`,
        {
          fieldErrors: {
            'triggerData.targetUrl': ['must be on the platform API host'],
          },
        },
      )
    }

    const subscription = {
      ...key,
      triggerKey: triggerData.key,
      companyId: extras.companyId ?? null,
      targetUrl,
      filters: triggerData.filters,
    }
    await this.#options.store.upsert(
      subscription,
      (this.#options.clock ?? systemClock).now(),
    )
    logger.info(ids, 'trigger subscription stored')
    return { status: 200, body: {} }
  }
}

import type { Transaction } from 'kysely'
import type { DatabaseSchema } from '../db/schema.js'
import type { Logger } from '../logging/logger.js'
import {
  isKnownEventType,
  type WebhookEventMap,
  type WebhookEventType,
  webhookEventSchemas,
} from './webhook-events.js'

/** The context every handler receives besides the event. */
export interface WebhookHandlerContext {
  webhookId: string
  /** 1 on the first run, then one more on each retry. */
  attempt: number
  logger: Logger
  /**
   * Queues database writes that commit in one transaction with the mark
   * that the event was processed, after every handler has returned. After a
   * crash the handler may run again, but its queued writes commit exactly
   * once. Queue only database work here. Calls to other systems may repeat,
   * so give them the `webhookId` as their idempotency key.
   */
  write(work: WebhookWrite): void
}

/** Database work that commits together with an event's processed mark. */
export type WebhookWrite = (
  transaction: Transaction<DatabaseSchema>,
) => Promise<void>

export type WebhookHandler<TEvent> = (
  event: TEvent,
  context: WebhookHandlerContext,
) => void | Promise<void>

/** An event whose type has no schema, or whose body failed its schema. */
export interface UnknownWebhookEvent {
  type: string
  body: Record<string, unknown>
  /** The reason the typed handlers were skipped. */
  reason: 'unknown_type' | 'schema_mismatch'
}

/**
 * The app's webhook handlers, by event type. Events of unknown types, and
 * known types whose body does not match the schema, go to the `onUnknown`
 * handlers with their raw body, so no event is rejected.
 *
 * @example
 * handlers.on('ContactCreate', async (contact) => {
 *   await notes.welcome(contact.locationId, contact.id)
 * })
 */
export class WebhookHandlers {
  readonly #typed = new Map<string, WebhookHandler<never>[]>()
  readonly #unknown: WebhookHandler<UnknownWebhookEvent>[] = []

  on<TType extends WebhookEventType>(
    type: TType,
    handler: WebhookHandler<WebhookEventMap[TType]>,
  ): this {
    const list = this.#typed.get(type) ?? []
    list.push(handler as WebhookHandler<never>)
    this.#typed.set(type, list)
    return this
  }

  onUnknown(handler: WebhookHandler<UnknownWebhookEvent>): this {
    this.#unknown.push(handler)
    return this
  }

  /** Runs every handler of the event's type, in registration order. */
  async dispatch(
    type: string,
    body: Record<string, unknown>,
    context: WebhookHandlerContext,
  ): Promise<void> {
    if (!this.handles(type)) {
      return
    }

    if (!isKnownEventType(type)) {
      await this.#runUnknown({ type, body, reason: 'unknown_type' }, context)
      return
    }

    const parsed = webhookEventSchemas[type].safeParse(body)
    if (!parsed.success) {
      context.logger.warn(
        { webhookId: context.webhookId, type, issues: parsed.error.issues },
        'webhook body does not match its schema, passing it on raw',
      )
      await this.#runUnknown({ type, body, reason: 'schema_mismatch' }, context)
      return
    }

    for (const handler of this.#typed.get(type) ?? []) {
      await (handler as WebhookHandler<unknown>)(parsed.data, context)
    }
  }

  /** Checks whether some handler runs for `type`, typed or `onUnknown`. */
  handles(type: string): boolean {
    return this.#unknown.length > 0 || (this.#typed.get(type)?.length ?? 0) > 0
  }

  async #runUnknown(
    event: UnknownWebhookEvent,
    context: WebhookHandlerContext,
  ) {
    for (const handler of this.#unknown) {
      await handler(event, context)
    }
  }
}

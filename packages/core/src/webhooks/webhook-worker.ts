import { randomUUID } from 'node:crypto'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import type { WebhookHandlers } from './webhook-handlers.js'
import type { InboxEvent, WebhookInbox } from './webhook-inbox.js'

export interface WebhookWorkerOptions {
  inbox: WebhookInbox
  handlers: WebhookHandlers
  logger?: Logger
  /** Epoch milliseconds. @default Date.now */
  now?: () => number
  /** How often to look for due events in the inbox. @default 500 */
  pollIntervalMs?: number
  /** How long a claim lasts before another worker may take the event. @default 60_000 */
  leaseMs?: number
  /** Events claimed per poll. @default 20 */
  batchSize?: number
  /** Attempts before an event is dead. @default 8 */
  maxAttempts?: number
  /** The first retry delay, doubled on each later one. @default 1_000 */
  retryBaseMs?: number
  /** The maximum retry delay. @default 600_000 (10 min) */
  retryMaxMs?: number
}

/**
 * Runs handlers for the events in the inbox, after they were acknowledged.
 * Several workers, in one process or many, share one inbox through leases.
 * A failed handler is retried with exponential backoff and jitter, and after
 * `maxAttempts` its event is marked dead until `replay` queues it again.
 * Delivery to handlers is at least once, since a process can stop between a
 * handler's end and the write that marks its event done.
 */
export class WebhookWorker {
  readonly owner = `worker-${randomUUID()}`
  readonly #options: WebhookWorkerOptions
  readonly #logger: Logger
  readonly #now: () => number
  #timer: NodeJS.Timeout | undefined
  #running: Promise<void> | undefined
  #wakeAgain = false
  #stopped = false

  constructor(options: WebhookWorkerOptions) {
    this.#options = options
    this.#logger = options.logger ?? silentLogger
    this.#now = options.now ?? Date.now
  }

  start(): void {
    this.#stopped = false
    this.#schedule()
    this.#logger.info({ owner: this.owner }, 'webhook worker started')
  }

  /** Stops polling and waits for the handlers that are running. */
  async stop(): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#timer)
    await this.#running
    this.#logger.info({ owner: this.owner }, 'webhook worker stopped')
  }

  /** Looks for due events now instead of at the next poll. */
  wake(): void {
    if (this.#stopped) {
      return
    }
    if (this.#running !== undefined) {
      this.#wakeAgain = true
      return
    }
    this.#running = this.#runBatches().finally(() => {
      this.#running = undefined
      if (this.#wakeAgain && !this.#stopped) {
        this.#wakeAgain = false
        this.wake()
      }
    })
  }

  /** Processes due events until none is left, for tests and scripts. */
  async drain(): Promise<void> {
    await this.#running
    while ((await this.#runOnce()) > 0) {}
  }

  /** Queues a finished or dead event again. */
  async replay(webhookId: string): Promise<boolean> {
    const queued = await this.#options.inbox.replay(webhookId, this.#now())
    if (queued) {
      this.#logger.info({ webhookId }, 'webhook queued again')
      this.wake()
    }
    return queued
  }

  #schedule(): void {
    if (this.#stopped) {
      return
    }
    const interval = this.#options.pollIntervalMs ?? 500
    this.#timer = setTimeout(() => {
      this.wake()
      this.#schedule()
    }, interval)
    this.#timer.unref()
  }

  async #runBatches(): Promise<void> {
    try {
      while (!this.#stopped) {
        if ((await this.#runOnce()) === 0) {
          return
        }
      }
    } catch (error) {
      this.#logger.error(
        { err: error, owner: this.owner },
        'webhook poll failed',
      )
    }
  }

  async #runOnce(): Promise<number> {
    const events = await this.#options.inbox.claim({
      owner: this.owner,
      limit: this.#options.batchSize ?? 20,
      leaseMs: this.#options.leaseMs ?? 60_000,
      nowMs: this.#now(),
    })
    await Promise.all(events.map((event) => this.#process(event)))
    return events.length
  }

  /** Runs the handlers of one event and returns whether they all succeeded. */
  async #process(event: InboxEvent): Promise<boolean> {
    const { webhook_id: webhookId, type, attempts } = event
    const logger = this.#logger.child({ webhookId, type, attempt: attempts })
    try {
      const body = JSON.parse(event.body) as Record<string, unknown>
      await this.#options.handlers.dispatch(type, body, {
        webhookId,
        attempt: attempts,
        logger,
      })
      // Marked done in the same turn of the event loop, not with its whole
      // batch, so a crash re-runs as few finished handlers as possible.
      await this.#options.inbox.completeSoon(webhookId, this.owner, this.#now())
      return true
    } catch (error) {
      await this.#recordFailure(event, error, logger)
      return false
    }
  }

  async #recordFailure(event: InboxEvent, error: unknown, logger: Logger) {
    const maxAttempts = this.#options.maxAttempts ?? 8
    const retryAtMs =
      event.attempts >= maxAttempts
        ? null
        : this.#now() + this.#delay(event.attempts)
    const message = error instanceof Error ? error.message : String(error)
    if (retryAtMs === null) {
      logger.error({ err: error }, 'webhook handler failed, event is dead')
    } else {
      logger.warn(
        { err: error, retryAtMs },
        'webhook handler failed, will retry',
      )
    }
    await this.#options.inbox.fail(event.webhook_id, this.owner, {
      error: message,
      retryAtMs,
    })
  }

  #delay(attempts: number): number {
    const base = this.#options.retryBaseMs ?? 1000
    const max = this.#options.retryMaxMs ?? 600_000
    const exponential = Math.min(base * 2 ** (attempts - 1), max)
    return exponential / 2 + Math.random() * (exponential / 2)
  }
}

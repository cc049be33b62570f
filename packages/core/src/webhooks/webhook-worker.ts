import { randomUUID } from 'node:crypto'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import type { WebhookSkipRule } from './uninstalled-event-skip.js'
import type { WebhookHandlers, WebhookWrite } from './webhook-handlers.js'
import type { InboxEvent, InboxLease, WebhookInbox } from './webhook-inbox.js'
import type { WebhookHandoff } from './webhook-receiver.js'

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
  /**
   * Events the receiver may hand over before they wait in the inbox for a
   * claim instead. @default 200
   */
  handoffCapacity?: number
  /**
   * Decides, before the handlers run, that an event is done without them,
   * and returns the reason, which is logged.
   */
  skip?: WebhookSkipRule
}

/**
 * Runs handlers for the events in the inbox, after they were acknowledged.
 * Several workers, in one process or many, share one inbox through leases.
 * The receiver in the same process hands each new event over, stored
 * already leased to this worker. Other events, and those that arrive while
 * the worker is full, are claimed from the inbox on each poll.
 *
 * A failed handler is retried with exponential backoff and jitter, and after
 * `maxAttempts` its event is marked dead until `replay` queues it again.
 * Handlers run at least once, because a process can stop between a
 * handler's end and the write that marks its event done. The writes they
 * queue with `context.write` commit with that mark, so they land once.
 */
export class WebhookWorker implements WebhookHandoff {
  readonly owner = `worker-${randomUUID()}`
  readonly #options: WebhookWorkerOptions
  readonly #logger: Logger
  readonly #now: () => number
  readonly #handedOver: InboxEvent[] = []
  #timer: NodeJS.Timeout | undefined
  #running: Promise<void> | undefined
  #claimDue = false
  #started = false
  #stopped = false

  constructor(options: WebhookWorkerOptions) {
    this.#options = options
    this.#logger = options.logger ?? silentLogger
    this.#now = options.now ?? Date.now
  }

  start(): void {
    this.#stopped = false
    this.#started = true
    this.#schedule()
    this.#logger.info({ owner: this.owner }, 'webhook worker started')
  }

  /**
   * Stops polling, waits for the handlers that are running, and gives the
   * events it was handed but had not started back to the inbox.
   */
  async stop(): Promise<void> {
    this.#stopped = true
    this.#started = false
    clearTimeout(this.#timer)
    await this.#running
    const left = this.#handedOver.splice(0)
    await this.#options.inbox.release(
      left.map((event) => event.webhook_id),
      this.owner,
    )
    this.#logger.info({ owner: this.owner }, 'webhook worker stopped')
  }

  lease(nowMs: number): InboxLease | undefined {
    const capacity = this.#options.handoffCapacity ?? 200
    if (!this.#started || this.#handedOver.length >= capacity) {
      return undefined
    }
    return {
      owner: this.owner,
      expiresAtMs: nowMs + (this.#options.leaseMs ?? 60_000),
    }
  }

  accept(event: InboxEvent): void {
    this.#handedOver.push(event)
    this.#kick()
  }

  /** Looks for due events now instead of at the next poll. */
  wake(): void {
    this.#claimDue = true
    this.#kick()
  }

  /** Processes due events until none is left, for tests and scripts. */
  async drain(): Promise<void> {
    await this.#running
    while (this.#handedOver.length > 0) {
      await this.#runHandedOver()
    }
    while ((await this.#runClaimed()) > 0) {}
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

  /** Starts the loop unless it is running: a running loop takes new work. */
  #kick(): void {
    if (this.#stopped || this.#running !== undefined) {
      return
    }
    this.#running = this.#loop().finally(() => {
      this.#running = undefined
      // Work may have come in after the loop's last look.
      if (this.#handedOver.length > 0 || this.#claimDue) {
        this.#kick()
      }
    })
  }

  /** Runs handed-over events first, then claims while the inbox has more. */
  async #loop(): Promise<void> {
    try {
      while (!this.#stopped) {
        if (this.#handedOver.length > 0) {
          await this.#runHandedOver()
          continue
        }
        if (!this.#claimDue) {
          return
        }
        this.#claimDue = false
        const batchSize = this.#options.batchSize ?? 20
        if ((await this.#runClaimed()) >= batchSize) {
          this.#claimDue = true
        }
      }
    } catch (error) {
      this.#logger.error(
        { err: error, owner: this.owner },
        'webhook poll failed',
      )
    }
  }

  async #runHandedOver(): Promise<void> {
    const events = this.#handedOver.splice(0, this.#options.batchSize ?? 20)
    await Promise.all(events.map((event) => this.#process(event)))
  }

  async #runClaimed(): Promise<number> {
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
    const writes: WebhookWrite[] = []
    try {
      const body = JSON.parse(event.body) as Record<string, unknown>
      // An event that no handler takes needs no skip lookup either.
      const { handlers } = this.#options
      const skipped = handlers.handles(type)
        ? await this.#options.skip?.(type, body)
        : undefined
      if (skipped !== undefined) {
        logger.info({ reason: skipped }, 'webhook skipped, handlers not run')
        await this.#complete(webhookId, writes, logger)
        return true
      }

      await handlers.dispatch(type, body, {
        webhookId,
        attempt: attempts,
        logger,
        write: (work) => writes.push(work),
      })
      await this.#complete(webhookId, writes, logger)
      return true
    } catch (error) {
      await this.#recordFailure(event, error, logger)
      return false
    }
  }

  /**
   * Marks an event done. Without queued writes the mark joins the others of
   * the same turn of the event loop in one write, so a crash re-runs as few
   * finished handlers as possible. With writes it has its own transaction.
   */
  async #complete(
    webhookId: string,
    writes: readonly WebhookWrite[],
    logger: Logger,
  ): Promise<void> {
    const { inbox } = this.#options
    if (writes.length === 0) {
      await inbox.completeSoon(webhookId, this.owner, this.#now())
      return
    }

    const committed = await inbox.completeWith(
      webhookId,
      this.owner,
      this.#now(),
      writes,
    )
    if (!committed) {
      logger.warn(
        { owner: this.owner },
        'webhook lease expired before its handlers finished: another ' +
          'worker runs the event, so its writes were not committed here',
      )
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

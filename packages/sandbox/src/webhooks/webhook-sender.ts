import { randomUUID } from 'node:crypto'
import type { SandboxContext } from '../sandbox-context.js'
import { webhookBytes } from './webhook-bytes.js'
import { WebhookCircuitBreaker } from './webhook-circuit-breaker.js'
import {
  type AttemptOutcome,
  isSuccess,
  retryDelay,
} from './webhook-retry-policy.js'

export type DeliveryStatus =
  | 'pending'
  | 'retrying'
  | 'delivered'
  | 'failed'
  | 'paused'

/** One HTTP request of a delivery. */
export interface DeliveryAttempt {
  /** ISO-8601 time on the sandbox clock. */
  at: string
  /** `first` send, scheduled `retry`, `resend` by hand or a deliberate `duplicate`. */
  kind: 'first' | 'retry' | 'resend' | 'duplicate'
  /** The HTTP status, or `null` when no response came. */
  status: number | null
  error: 'timeout' | 'connection_failed' | null
  durationMs: number
}

/** One webhook and every attempt to deliver it, as the log page shows it. */
export interface WebhookDelivery {
  id: string
  webhookId: string
  appId: string
  url: string
  type: string
  /** The bytes last sent, as text. */
  body: string
  status: DeliveryStatus
  attempts: DeliveryAttempt[]
  createdAt: string
  nextAttemptAt: string | null
}

interface DeliveryState {
  record: WebhookDelivery
  fields: Record<string, unknown>
  bytes: Buffer
  retries: number
  timer: NodeJS.Timeout | undefined
}

const maxDeliveries = 1000

/**
 * Sends signed webhooks to apps as the platform does: compact JSON with
 * `timestamp` and `webhookId`, an Ed25519 `x-ghl-signature`, the retry
 * policy and timeout of the behaviour settings, occasional duplicates and
 * a circuit breaker, all on the sandbox clock.
 */
export class WebhookSender {
  readonly #context: SandboxContext
  readonly #deliveries = new Map<string, DeliveryState>()
  readonly #inFlight = new Set<Promise<void>>()
  readonly breaker: WebhookCircuitBreaker
  #closed = false

  constructor(context: SandboxContext) {
    this.#context = context
    this.breaker = new WebhookCircuitBreaker({
      minVolume: () => context.behaviour.webhookBreakerMinVolume,
      scaled: (ms) => context.clock.scaled(ms),
      now: Date.now,
      onChange: (url, state) => this.#breakerChanged(url, state),
    })
  }

  /**
   * Sends `body` to the app's webhook URL, adding `timestamp` and
   * `webhookId`. Returns `undefined` when the app has no webhook URL.
   */
  send(
    appId: string,
    body: Record<string, unknown>,
  ): WebhookDelivery | undefined {
    const app = this.#context.state.apps.get(appId)
    if (app === undefined || app.webhookUrl === '') {
      this.#context.logger.warn(
        { appId, type: body['type'] },
        'webhook not sent: app has no webhook URL',
      )
      return undefined
    }
    return this.sendTo(app.webhookUrl, appId, body)
  }

  /**
   * Sends `body` to `url` as one new delivery. `type` labels the log entry
   * when the body has none, as `InvoicePaid` bodies may not.
   */
  sendTo(
    url: string,
    appId: string,
    body: Record<string, unknown>,
    type?: string,
  ): WebhookDelivery {
    const fields = {
      ...body,
      timestamp: new Date(this.#context.clock.now()).toISOString(),
      webhookId: randomUUID(),
    }
    const state: DeliveryState = {
      record: {
        id: randomUUID(),
        webhookId: fields.webhookId,
        appId,
        url,
        type: typeof body['type'] === 'string' ? body['type'] : (type ?? ''),
        body: '',
        status: 'pending',
        attempts: [],
        createdAt: fields.timestamp,
        nextAttemptAt: null,
      },
      fields,
      bytes: Buffer.alloc(0),
      retries: 0,
      timer: undefined,
    }
    this.#setBytes(state)
    this.#keep(state)

    if (this.breaker.state(url) === 'paused') {
      state.record.status = 'paused'
    } else {
      this.#track(this.#attempt(state, 'first'))
    }
    return state.record
  }

  list(): WebhookDelivery[] {
    return [...this.#deliveries.values()].map((state) => state.record).reverse()
  }

  get(id: string): WebhookDelivery | undefined {
    return this.#deliveries.get(id)?.record
  }

  /** Sends a delivery again now. A 2xx cancels its remaining retries. */
  async resend(id: string): Promise<WebhookDelivery | undefined> {
    const state = this.#deliveries.get(id)
    if (state === undefined) {
      return undefined
    }
    await this.#track(this.#attempt(state, 'resend'))
    return state.record
  }

  /** Lifts a circuit-breaker pause and sends what waited. */
  reenable(url: string): void {
    this.breaker.reenable(url)
    for (const state of this.#deliveries.values()) {
      if (state.record.url === url && state.record.status === 'paused') {
        state.record.status = 'pending'
        this.#track(this.#attempt(state, 'first'))
      }
    }
  }

  /** Resolves when no attempt is running and none is scheduled. */
  async settled(): Promise<void> {
    for (;;) {
      await Promise.all(this.#inFlight)
      const waiting = [...this.#deliveries.values()].some(
        (state) => state.timer !== undefined,
      )
      if (!waiting && this.#inFlight.size === 0) {
        return
      }
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }

  close(): void {
    this.#closed = true
    for (const state of this.#deliveries.values()) {
      clearTimeout(state.timer)
      state.timer = undefined
    }
  }

  #track(work: Promise<void>): Promise<void> {
    this.#inFlight.add(work)
    return work.finally(() => this.#inFlight.delete(work))
  }

  async #attempt(state: DeliveryState, kind: DeliveryAttempt['kind']) {
    const outcome = await this.#post(state, kind)
    if (kind === 'duplicate') {
      return
    }

    if (isSuccess(outcome)) {
      this.#delivered(state, kind)
      return
    }
    if (kind === 'resend') {
      return
    }
    this.#scheduleRetry(state, outcome)
  }

  #delivered(state: DeliveryState, kind: DeliveryAttempt['kind']) {
    const wasFinal =
      state.record.status === 'delivered' || state.record.status === 'failed'
    clearTimeout(state.timer)
    state.timer = undefined
    state.record.status = 'delivered'
    state.record.nextAttemptAt = null
    if (!wasFinal) {
      this.#recordResult(state.record.url, true)
    }

    const duplicate =
      Math.random() < this.#context.behaviour.webhookDuplicateRate
    if (kind !== 'resend' && duplicate) {
      this.#track(this.#attempt(state, 'duplicate'))
    }
  }

  #scheduleRetry(state: DeliveryState, outcome: AttemptOutcome) {
    const policy = this.#context.behaviour.webhookRetryPolicy
    const delay = retryDelay(policy, state.retries + 1, outcome)
    if (delay === null || this.#closed) {
      state.record.status = 'failed'
      state.record.nextAttemptAt = null
      this.#recordResult(state.record.url, false)
      return
    }

    state.retries += 1
    state.record.status = 'retrying'
    state.record.nextAttemptAt = new Date(
      this.#context.clock.now() + delay,
    ).toISOString()
    state.timer = setTimeout(() => {
      state.timer = undefined
      if (this.#context.behaviour.webhookRetryBytes === 'fresh') {
        state.fields['timestamp'] = new Date(
          this.#context.clock.now(),
        ).toISOString()
        this.#setBytes(state)
      }
      this.#track(this.#attempt(state, 'retry'))
    }, this.#context.clock.scaled(delay))
    state.timer.unref()
  }

  async #post(
    state: DeliveryState,
    kind: DeliveryAttempt['kind'],
  ): Promise<AttemptOutcome> {
    const started = Date.now()
    const timeoutMs = this.#context.clock.scaled(
      this.#context.behaviour.webhookDeliveryTimeoutSeconds * 1000,
    )
    let outcome: AttemptOutcome
    try {
      const response = await fetch(state.record.url, {
        method: 'POST',
        headers: this.#headers(state.bytes),
        body: state.bytes,
        signal: AbortSignal.timeout(timeoutMs),
      })
      await response.arrayBuffer().catch(() => undefined)
      outcome = { kind: 'response', status: response.status }
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError'
      outcome = { kind: timedOut ? 'timeout' : 'connection_failed' }
    }

    state.record.attempts.push({
      at: new Date(this.#context.clock.now()).toISOString(),
      kind,
      status: outcome.kind === 'response' ? outcome.status : null,
      error: outcome.kind === 'response' ? null : outcome.kind,
      durationMs: Date.now() - started,
    })
    this.#context.logger.debug(
      {
        webhookId: state.record.webhookId,
        url: state.record.url,
        kind,
        outcome,
      },
      'webhook attempt',
    )
    return outcome
  }

  #headers(bytes: Buffer): Record<string, string> {
    const { webhookKeys, behaviour } = this.#context
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-ghl-signature': webhookKeys.signEd25519(bytes),
    }
    if (behaviour.webhookRsaHeader === 'both') {
      headers['x-wh-signature'] = webhookKeys.signRsa(bytes)
    }
    if (behaviour.webhookRsaHeader === 'na') {
      headers['x-wh-signature'] = 'N/A'
    }
    return headers
  }

  #setBytes(state: DeliveryState) {
    const { behaviour } = this.#context
    const shaped =
      behaviour.webhookBodyShape === 'data'
        ? { data: state.fields }
        : state.fields
    state.bytes = webhookBytes(shaped, behaviour.webhookHostileBytes)
    state.record.body = state.bytes.toString('utf8')
  }

  #keep(state: DeliveryState) {
    this.#deliveries.set(state.record.id, state)
    if (this.#deliveries.size <= maxDeliveries) {
      return
    }
    for (const [id, old] of this.#deliveries) {
      if (old.timer === undefined && old.record.status !== 'pending') {
        this.#deliveries.delete(id)
        return
      }
    }
  }

  #recordResult(url: string, ok: boolean) {
    if (this.#context.behaviour.webhookCircuitBreaker) {
      this.breaker.record(url, ok)
    }
  }

  #breakerChanged(url: string, state: string) {
    const message =
      state === 'warned'
        ? 'webhook URL under 90% success: warning sent'
        : state === 'paused'
          ? 'webhook URL paused by the circuit breaker'
          : 'webhook URL enabled again'
    this.#context.logger.warn({ url, state }, message)
  }
}

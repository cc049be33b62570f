import { createHash } from 'node:crypto'
import type { ErrorCode } from '../errors/error-codes.js'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import { LogThrottle } from './log-throttle.js'
import type { RawBodyResult } from './raw-body-reader.js'
import { checkReplayWindow } from './replay-window.js'
import { RetryAllowances } from './retry-allowances.js'
import { readWebhookBody, type WebhookBody } from './webhook-body.js'
import type { InboxEvent, InboxLease, WebhookInbox } from './webhook-inbox.js'
import {
  type HeaderValue,
  signatureHeader,
  type VerifyResult,
  type WebhookVerifier,
} from './webhook-verifier.js'

/** The reply to send to the platform, whatever the HTTP framework. */
export interface WebhookReply {
  status: number
  body: Record<string, unknown>
}

export interface WebhookReceiverOptions {
  verifier: WebhookVerifier
  inbox: WebhookInbox
  logger?: Logger
  /** Epoch milliseconds. @default Date.now */
  now?: () => number
  /** How far the signed `timestamp` may be from now. @default 300_000 (5 min) */
  toleranceMs?: number
  /**
   * Rejects signed bodies that carry no `timestamp`. The platform adds one to
   * every delivery, so only hand-made test events lack it.
   * @default true
   */
  requireTimestamp?: boolean
  /** Larger bodies get 413. @default 5_242_880 (5 MiB) */
  bodyLimitBytes?: number
  /**
   * How long after a 429 a retry of the same `webhookId` is accepted
   * outside the replay window. @default 7_200_000 (2 h)
   */
  retryAllowanceMs?: number
  /**
   * Work that must finish before the event is acknowledged, such as deleting
   * tokens on UNINSTALL. It may run twice for one event, so it must be
   * idempotent. When it throws, the reply is 429 and the platform retries.
   */
  beforeAcknowledge?: (event: WebhookBody) => Promise<void>
  /**
   * The event types that `beforeAcknowledge` handles. Other types skip it,
   * and skip the dedupe lookup that runs before it.
   * @default every type
   */
  acknowledgeTypes?: readonly string[]
  /** Called after an event is stored, so a worker in this process can start. */
  onStored?: (webhookId: string) => void
  /**
   * A worker in this process that takes each stored event straight from the
   * receiver, stored already leased to it, so it needs no claim query.
   */
  handoff?: WebhookHandoff
}

/** The worker side of the hand-over of events as the receiver stores them. */
export interface WebhookHandoff {
  /** A lease for one more event, or undefined when the worker is full. */
  lease(nowMs: number): InboxLease | undefined
  /** Takes one event stored under a lease that `lease` gave. */
  accept(event: InboxEvent): void
}

/**
 * Turns one webhook request into a reply: verifies the raw bytes, dedupes
 * on `webhookId`, checks the replay window, stores the event in the inbox
 * and acknowledges it. Handlers run later, in the `WebhookWorker`.
 */
export class WebhookReceiver {
  readonly bodyLimitBytes: number
  readonly #options: WebhookReceiverOptions
  readonly #logger: Logger
  readonly #now: () => number
  readonly #rejections: LogThrottle
  readonly #retries: RetryAllowances

  constructor(options: WebhookReceiverOptions) {
    this.#options = options
    this.#logger = options.logger ?? silentLogger
    this.#now = options.now ?? Date.now
    this.#rejections = new LogThrottle({
      limit: 20,
      windowMs: 60_000,
      now: this.#now,
    })
    this.bodyLimitBytes = options.bodyLimitBytes ?? 5 * 1024 * 1024
    this.#retries = new RetryAllowances({
      ttlMs: options.retryAllowanceMs ?? 2 * 60 * 60 * 1000,
    })
  }

  async receive(
    raw: Buffer,
    headers: Record<string, HeaderValue>,
  ): Promise<WebhookReply> {
    const verdict = await this.#options.verifier.check(raw, headers)
    if (!verdict.ok) {
      this.#logRejection(verdict.reason, {})
      return rejectSignature(verdict)
    }

    const event = parseBody(raw)
    if (event === undefined) {
      this.#logger.warn(
        { sizeBytes: raw.length },
        'webhook body is not a JSON object',
      )
      return reject(400, 'WEBHOOK_BODY_INVALID', 'body_invalid')
    }
    return this.#accept(event, raw)
  }

  /** Builds the 413 reply to a body above the limit and logs its size and id. */
  tooLarge(result: Extract<RawBodyResult, { ok: false }>): WebhookReply {
    this.#logger.warn(
      {
        sizeBytes: result.sizeBytes,
        limitBytes: this.bodyLimitBytes,
        webhookId: result.webhookId,
      },
      'webhook body too large',
    )
    return reject(413, 'WEBHOOK_BODY_TOO_LARGE', 'body_too_large')
  }

  async #accept(event: WebhookBody, raw: Buffer): Promise<WebhookReply> {
    const webhookId = event.webhookId ?? contentId(raw)
    const log = { webhookId, type: event.type }
    const { inbox } = this.#options
    let inWindow = false
    try {
      const window = this.#checkWindow(event)
      const retryOf429 =
        window !== undefined && this.#retries.allows(webhookId, this.#now())
      if (window !== undefined && !retryOf429) {
        // A late retry of a stored event is still acknowledged.
        if (await inbox.has(webhookId)) {
          return duplicate(this.#logger, log)
        }
        const timestamp = quoteTimestamp(event.fields['timestamp'])
        const toleranceMs = this.#toleranceMs()
        this.#logRejection(window, { ...log, timestamp, toleranceMs })
        const message = windowMessage(window, timestamp, {
          nowMs: this.#now(),
          toleranceMs,
        })
        return reject(401, 'WEBHOOK_TIMESTAMP_OUT_OF_WINDOW', window, message)
      }
      inWindow = true
      if (retryOf429) {
        this.#logger.info(log, 'retry of a 429 accepted outside the window')
      }

      if (this.#runsBeforeAcknowledge(event.type)) {
        // Dedupe first, so a redelivered INSTALL does not run its work again
        // after a later UNINSTALL.
        if (await inbox.has(webhookId)) {
          return duplicate(this.#logger, log)
        }
        await this.#options.beforeAcknowledge?.(event)
      }

      const body = event.rewritten
        ? JSON.stringify(event.fields)
        : raw.toString('utf8')
      const nowMs = this.#now()
      const { handoff } = this.#options
      const lease = handoff?.lease(nowMs)
      const stored = await inbox.insert(
        { ...event, webhookId, body },
        nowMs,
        lease,
      )
      this.#retries.forget(webhookId)
      if (stored.status === 'duplicate') {
        return duplicate(this.#logger, log)
      }
      if (lease !== undefined) {
        handoff?.accept(stored.event)
      }
      this.#options.onStored?.(webhookId)
      return { status: 200, body: { status: 'stored' } }
    } catch (error) {
      // The platform retries 429 under every retry policy, and a 500 is
      // dropped under the older one, so a failed write must not be a 500.
      this.#logger.error(
        { ...log, err: error },
        'webhook not stored, replying 429',
      )
      // The retry carries the same signed timestamp, and may come after
      // the window has passed.
      if (inWindow) {
        this.#retries.allow(webhookId, this.#now())
      }
      return reject(429, 'WEBHOOK_INBOX_UNAVAILABLE', 'inbox_unavailable')
    }
  }

  /** Logs a rejection, at most 20 a minute for each reason. */
  #logRejection(reason: string, fields: object) {
    const skipped = this.#rejections.take(reason)
    if (skipped !== null) {
      this.#logger.warn({ ...fields, reason, skipped }, 'webhook rejected')
    }
  }

  #runsBeforeAcknowledge(type: string): boolean {
    if (this.#options.beforeAcknowledge === undefined) {
      return false
    }
    const types = this.#options.acknowledgeTypes
    return types === undefined || types.includes(type)
  }

  #checkWindow(event: WebhookBody): string | undefined {
    const timestamp = event.fields['timestamp']
    const required = this.#options.requireTimestamp ?? true
    if (timestamp === undefined && !required) {
      return undefined
    }

    const check = checkReplayWindow(timestamp, this.#now(), this.#toleranceMs())
    return check.ok ? undefined : check.reason
  }

  #toleranceMs(): number {
    return this.#options.toleranceMs ?? 5 * 60 * 1000
  }
}

function parseBody(raw: Buffer): WebhookBody | undefined {
  try {
    return readWebhookBody(JSON.parse(raw.toString('utf8')))
  } catch {
    return undefined
  }
}

/** Derives an id for a body without `webhookId`, so identical bytes are one event. */
function contentId(raw: Buffer): string {
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`
}

function duplicate(logger: Logger, log: object): WebhookReply {
  logger.debug(log, 'webhook duplicate acknowledged')
  return { status: 200, body: { status: 'duplicate' } }
}

/** The message sent with each rejection, keyed by its `reason`. */
const rejectionMessages: Record<string, string> = {
  signature_missing:
    'webhook: missing x-ghl-signature header: the platform signs every ' +
    'delivery',
  body_invalid: 'webhook: the body is not a JSON object',
  body_too_large: 'webhook: the body is larger than the configured limit',
  inbox_unavailable: 'webhook: the event could not be stored: retry later',
}

function reject(
  status: number,
  code: ErrorCode,
  reason: string,
  message = rejectionMessages[reason] ?? `webhook: rejected (${reason})`,
): WebhookReply {
  return { status, body: { error: code, reason, message } }
}

/** Returns the body's `timestamp` as JSON text of at most 64 characters. */
function quoteTimestamp(timestamp: unknown): string {
  return JSON.stringify(timestamp ?? null).slice(0, 64)
}

/** Builds the message of a timestamp rejection, showing the value received. */
function windowMessage(
  reason: string,
  timestamp: string,
  window: { nowMs: number; toleranceMs: number },
): string {
  if (reason === 'timestamp_missing') {
    return (
      'webhook: the signed body has no valid timestamp field (received ' +
      `${timestamp}): expected an ISO-8601 time or epoch milliseconds`
    )
  }

  const now = new Date(window.nowMs).toISOString()
  const seconds = window.toleranceMs / 1000
  return (
    `webhook: the signed timestamp ${timestamp} is more than ${seconds} s ` +
    `from the server's time ${now}: check the server's clock or ` +
    'HOOPKIT_WEBHOOK_TOLERANCE_SECONDS'
  )
}

/** Builds the 401 reply to a failed check, naming the key's variable. */
function rejectSignature(
  verdict: Extract<VerifyResult, { ok: false }>,
): WebhookReply {
  if (verdict.reason === 'signature_missing') {
    return reject(401, 'WEBHOOK_SIGNATURE_MISSING', verdict.reason)
  }

  const variable =
    verdict.header === signatureHeader
      ? 'HOOPAI_WEBHOOK_PUBLIC_KEY'
      : 'HOOPAI_WEBHOOK_RSA_PUBLIC_KEY'
  if (verdict.reason === 'key_missing') {
    const message =
      `webhook: no public key is configured for the ${verdict.header} ` +
      `header: set ${variable}`
    return reject(401, 'WEBHOOK_KEY_MISSING', verdict.reason, message)
  }

  const message =
    `webhook: the ${verdict.header} signature does not match the raw body ` +
    `under the configured public key: check ${variable}`
  return reject(401, 'WEBHOOK_SIGNATURE_INVALID', verdict.reason, message)
}

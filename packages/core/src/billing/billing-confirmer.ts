import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'

export interface BillingConfirmerOptions {
  /** The platform's API origin, such as the sandbox's URL in tests. */
  apiUrl: string
  clientId: string
  clientSecret: string
  logger?: Logger
  /** Attempts per confirmation, the first one included. @default 4 */
  maxAttempts?: number
  /**
   * Milliseconds before the first retry, doubled before each later one.
   * @default 500
   */
  retryDelayMs?: number
  /** How long one request may take. @default 10000 */
  timeoutMs?: number
}

/** The outcome of sending one confirmation, with every retry it took. */
export type ConfirmationResult =
  | { ok: true; attempts: number }
  | { ok: false; attempts: number; error: string; retryable: boolean }

/**
 * Sends `POST {api}/oauth/billing/webhook` with the app's client key and
 * secret. A timeout, a connection failure, a 429 or a 5xx is retried with
 * the very same body, so the platform can match the retry to the first
 * try. Other 4xx replies are configuration errors and are not retried.
 */
export class BillingConfirmer {
  readonly #options: Readonly<Required<BillingConfirmerOptions>>

  constructor(options: BillingConfirmerOptions) {
    this.#options = Object.freeze({
      logger: silentLogger,
      maxAttempts: 4,
      retryDelayMs: 500,
      timeoutMs: 10_000,
      ...options,
    })
  }

  /** Sends one stored body until it is accepted or the attempts run out. */
  async confirm(bodyJson: string): Promise<ConfirmationResult> {
    const { maxAttempts, retryDelayMs, logger } = this.#options
    let last: ConfirmationResult = {
      ok: false,
      attempts: 0,
      error: 'not sent',
      retryable: true,
    }

    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const sent = await this.#send(bodyJson)
      if (sent.ok) {
        return { ok: true, attempts: attempt }
      }

      last = { ...sent, attempts: attempt }
      logger.warn(
        { attempt, maxAttempts, error: sent.error, retryable: sent.retryable },
        'billing confirmation failed',
      )
      if (!sent.retryable || attempt === maxAttempts) {
        break
      }
      await sleep(retryDelayMs * 2 ** (attempt - 1))
    }
    return last
  }

  async #send(
    bodyJson: string,
  ): Promise<{ ok: true } | { ok: false; error: string; retryable: boolean }> {
    const url = new URL('/oauth/billing/webhook', this.#options.apiUrl)
    let response: Response
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-ghl-client-key': this.#options.clientId,
          'x-ghl-client-secret': this.#options.clientSecret,
        },
        body: bodyJson,
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      return { ok: false, error: `request failed: ${message}`, retryable: true }
    }

    const text = await response.text()
    if (response.ok) {
      return { ok: true }
    }
    const retryable = response.status === 429 || response.status >= 500
    return {
      ok: false,
      error: `status ${response.status}: ${text.slice(0, 200)}`,
      retryable,
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

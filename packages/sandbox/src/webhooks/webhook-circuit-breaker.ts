/** The breaker's state for one webhook URL. */
export type BreakerState = 'ok' | 'warned' | 'paused'

const threeDays = 3 * 24 * 60 * 60 * 1000

export interface CircuitBreakerOptions {
  minVolume: () => number
  /** Turns a platform duration into real milliseconds. */
  scaled: (platformMs: number) => number
  now: () => number
  onChange: (url: string, state: BreakerState) => void
}

interface UrlRecord {
  results: { at: number; ok: boolean }[]
  state: BreakerState
  checkAt: number
}

/**
 * The platform's circuit breaker, on the sandbox clock. Every 3 days it
 * checks each URL: more than `minVolume` webhooks in the past 3 days with
 * under 90% delivered earns a warning, and a second failed check in a row
 * pauses delivery until `reenable`.
 */
export class WebhookCircuitBreaker {
  readonly #urls = new Map<string, UrlRecord>()
  readonly #options: CircuitBreakerOptions

  constructor(options: CircuitBreakerOptions) {
    this.#options = options
  }

  state(url: string): BreakerState {
    return this.#urls.get(url)?.state ?? 'ok'
  }

  /** Records the final result of one webhook and runs a due check. */
  record(url: string, ok: boolean): void {
    const now = this.#options.now()
    const window = this.#options.scaled(threeDays)
    const entry: UrlRecord = this.#urls.get(url) ?? {
      results: [],
      state: 'ok',
      checkAt: now + window,
    }
    this.#urls.set(url, entry)
    entry.results.push({ at: now, ok })

    if (now >= entry.checkAt) {
      this.check(url)
    }
  }

  /**
   * Runs the check for one URL now, as the platform does every 3 days, over
   * the results of the past 3 days.
   */
  check(url: string): BreakerState {
    const entry = this.#urls.get(url)
    if (entry === undefined) {
      return 'ok'
    }

    const now = this.#options.now()
    const window = this.#options.scaled(threeDays)
    entry.checkAt = now + window
    entry.results = entry.results.filter((result) => result.at > now - window)
    this.#evaluate(url, entry)
    return entry.state
  }

  reenable(url: string): void {
    const entry = this.#urls.get(url)
    if (entry !== undefined) {
      entry.state = 'ok'
      entry.results = []
      this.#options.onChange(url, 'ok')
    }
  }

  #evaluate(url: string, entry: UrlRecord) {
    if (entry.state === 'paused') {
      return
    }
    const total = entry.results.length
    const delivered = entry.results.filter((result) => result.ok).length
    const failing = total > this.#options.minVolume() && delivered / total < 0.9
    const next: BreakerState = !failing
      ? 'ok'
      : entry.state === 'ok'
        ? 'warned'
        : 'paused'
    if (next !== entry.state) {
      entry.state = next
      this.#options.onChange(url, next)
    }
  }
}

/**
 * Caps how often one kind of log line is written, so a flood of bad
 * requests cannot flood the logs. Each key gets `limit` lines per window,
 * and the first line of the next window carries how many were skipped.
 */
export class LogThrottle {
  readonly #limit: number
  readonly #windowMs: number
  readonly #now: () => number
  readonly #keys = new Map<
    string,
    { start: number; written: number; skipped: number }
  >()

  constructor(options: { limit: number; windowMs: number; now: () => number }) {
    this.#limit = options.limit
    this.#windowMs = options.windowMs
    this.#now = options.now
  }

  /**
   * Returns the number of lines skipped since the last one written when
   * this line may be written, or `null` when it should be skipped.
   */
  take(key: string): number | null {
    const now = this.#now()
    const entry = this.#keys.get(key)
    if (entry === undefined || now - entry.start >= this.#windowMs) {
      const skipped = entry?.skipped ?? 0
      this.#keys.set(key, { start: now, written: 1, skipped: 0 })
      return skipped
    }
    if (entry.written < this.#limit) {
      entry.written += 1
      return 0
    }
    entry.skipped += 1
    return null
  }
}

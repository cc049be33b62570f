/**
 * The webhookIds that got a 429 after their signature and timestamp were
 * checked, so that the platform's retry of the same signed bytes is
 * accepted after the replay window has passed. Under the older retry
 * policy the retries of a 429 come about 10 minutes apart, with the
 * original `timestamp`, for about 70 minutes.
 *
 * NOTE: the ids live in this process's memory only, so a retry that
 * reaches another process, or this one after a restart, still has to
 * fall inside the window.
 */
export class RetryAllowances {
  readonly #expiresAt = new Map<string, number>()
  readonly #ttlMs: number
  readonly #maxEntries: number

  constructor(options: { ttlMs: number; maxEntries?: number }) {
    this.#ttlMs = options.ttlMs
    this.#maxEntries = options.maxEntries ?? 10_000
  }

  /** Lets retries of `webhookId` past the window in, until the TTL ends. */
  allow(webhookId: string, nowMs: number): void {
    this.#expiresAt.delete(webhookId)
    this.#expiresAt.set(webhookId, nowMs + this.#ttlMs)
    // A Map iterates in insertion order, so the first key is the oldest.
    while (this.#expiresAt.size > this.#maxEntries) {
      const oldest = this.#expiresAt.keys().next().value
      if (oldest === undefined) {
        break
      }
      this.#expiresAt.delete(oldest)
    }
  }

  /** Checks whether a retry of `webhookId` may pass the replay window. */
  allows(webhookId: string, nowMs: number): boolean {
    const expiresAt = this.#expiresAt.get(webhookId)
    if (expiresAt === undefined) {
      return false
    }
    if (expiresAt <= nowMs) {
      this.#expiresAt.delete(webhookId)
      return false
    }
    return true
  }

  /** Forgets `webhookId` once its event is stored. */
  forget(webhookId: string): void {
    this.#expiresAt.delete(webhookId)
  }
}

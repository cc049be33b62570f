interface CacheEntry {
  value: unknown
  expiresAt: number
  scope: string
}

export interface ReadCacheOptions {
  /** How long a response stays fresh, in milliseconds. */
  ttlMs: number
  /** The maximum number of entries kept; the oldest go first. @default 1_000 */
  maxEntries?: number
}

/**
 * Keeps GET responses for a time to live, per bucket and record family. A
 * write through the client clears the cached reads of its family in its
 * bucket. The cache lives in one process.
 */
export class ReadCache {
  readonly #ttlMs: number
  readonly #maxEntries: number
  readonly #entries = new Map<string, CacheEntry>()

  constructor(options: ReadCacheOptions) {
    this.#ttlMs = options.ttlMs
    this.#maxEntries = options.maxEntries ?? 1_000
  }

  get(key: string, now: number): unknown {
    const entry = this.#entries.get(key)
    if (!entry) {
      return undefined
    }
    if (entry.expiresAt <= now) {
      this.#entries.delete(key)
      return undefined
    }
    return entry.value
  }

  set(key: string, scope: string, value: unknown, now: number): void {
    this.#entries.delete(key)
    this.#entries.set(key, { value, scope, expiresAt: now + this.#ttlMs })
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) {
        this.#entries.delete(oldest)
      }
    }
  }

  /** Drops every entry of one family in one bucket. */
  invalidate(scope: string): void {
    for (const [key, entry] of this.#entries) {
      if (entry.scope === scope) {
        this.#entries.delete(key)
      }
    }
  }
}

/** One thing the sandbox sent to an app, or did on its behalf. */
export interface ActivityEntry {
  /** ISO-8601 time on the sandbox clock. */
  at: string
  kind: 'consent' | 'token' | 'webhook' | 'uninstall' | 'suspension'
  appId: string
  /** One line for the UI, with ids but never a token or secret. */
  summary: string
}

/**
 * The recent activity that the sandbox UI shows: token grants, webhooks
 * queued, installs and uninstalls. It keeps the newest `maxEntries`.
 */
export class ActivityLog {
  readonly #entries: ActivityEntry[] = []
  readonly #maxEntries: number

  constructor(maxEntries = 500) {
    this.#maxEntries = maxEntries
  }

  add(entry: ActivityEntry): void {
    this.#entries.push(entry)
    if (this.#entries.length > this.#maxEntries) {
      this.#entries.splice(0, this.#entries.length - this.#maxEntries)
    }
  }

  /** Returns the entries, newest first. */
  list(): ActivityEntry[] {
    return [...this.#entries].reverse()
  }
}

/** One row waiting for the next batch write. */
interface QueuedWrite<TRow> {
  row: TRow
  id: string
  resolve: (applied: boolean) => void
  reject: (error: unknown) => void
}

const maxBatchRows = 500

/**
 * Groups the inbox writes of concurrent callers, such as the inserts of
 * webhook requests, into one statement, so a busy server pays one
 * statement and one commit per batch instead of one per webhook. A batch
 * starts on the next turn of the event loop, and writes that arrive while
 * it runs form the next one.
 */
export class InboxWriteBatcher<TRow> {
  readonly #write: (rows: TRow[]) => Promise<Set<string>>
  #queue: QueuedWrite<TRow>[] = []
  #scheduled = false

  /**
   * @param write Writes the rows and returns the ids it applied, such as
   *   the inserted ones when an insert skips ids already stored.
   */
  constructor(write: (rows: TRow[]) => Promise<Set<string>>) {
    this.#write = write
  }

  /** Queues one row and resolves with whether the write applied its id. */
  write(row: TRow, id: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ row, id, resolve, reject })
      if (!this.#scheduled) {
        this.#scheduled = true
        setImmediate(() => void this.#flush())
      }
    })
  }

  async #flush(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, maxBatchRows)
      await this.#writeBatch(batch)
    }
    this.#scheduled = false
  }

  async #writeBatch(batch: QueuedWrite<TRow>[]): Promise<void> {
    let applied: Set<string>
    try {
      applied = await this.#write(uniqueRows(batch))
    } catch (error) {
      for (const queued of batch) {
        queued.reject(error)
      }
      return
    }

    // The first caller of an id learns that it applied, any repeat not.
    for (const queued of batch) {
      queued.resolve(applied.delete(queued.id))
    }
  }
}

function uniqueRows<TRow>(batch: QueuedWrite<TRow>[]): TRow[] {
  const seen = new Set<string>()
  const rows: TRow[] = []
  for (const queued of batch) {
    if (!seen.has(queued.id)) {
      seen.add(queued.id)
      rows.push(queued.row)
    }
  }
  return rows
}

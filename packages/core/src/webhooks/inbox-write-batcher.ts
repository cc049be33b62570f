/** One row waiting for the next batch insert. */
interface QueuedInsert<TRow> {
  row: TRow
  id: string
  resolve: (outcome: 'stored' | 'duplicate') => void
  reject: (error: unknown) => void
}

const maxBatchRows = 500

/**
 * Groups the inbox inserts of concurrent requests into one multi-row
 * statement, so a busy server pays one statement and one commit per batch
 * instead of one per webhook. A batch starts on the next turn of the event
 * loop, and inserts that arrive while it runs form the next one.
 */
export class InboxInsertBatcher<TRow> {
  readonly #write: (rows: TRow[]) => Promise<Set<string>>
  #queue: QueuedInsert<TRow>[] = []
  #scheduled = false

  /**
   * @param write Inserts the rows, skipping ids already stored, and returns
   *   the ids it inserted.
   */
  constructor(write: (rows: TRow[]) => Promise<Set<string>>) {
    this.#write = write
  }

  insert(row: TRow, id: string): Promise<'stored' | 'duplicate'> {
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

  async #writeBatch(batch: QueuedInsert<TRow>[]): Promise<void> {
    let inserted: Set<string>
    try {
      inserted = await this.#write(uniqueRows(batch))
    } catch (error) {
      for (const queued of batch) {
        queued.reject(error)
      }
      return
    }

    // The first request of an id gets `stored`, any repeat `duplicate`.
    for (const queued of batch) {
      const stored = inserted.delete(queued.id)
      queued.resolve(stored ? 'stored' : 'duplicate')
    }
  }
}

function uniqueRows<TRow>(batch: QueuedInsert<TRow>[]): TRow[] {
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

/**
 * Runs at most one task per key at a time in this process. Callers that
 * arrive while a task runs get the same promise.
 */
export class SingleFlight<T> {
  readonly #running = new Map<string, Promise<T>>()

  run(key: string, task: () => Promise<T>): Promise<T> {
    const running = this.#running.get(key)
    if (running) {
      return running
    }

    const promise = task().finally(() => {
      this.#running.delete(key)
    })
    this.#running.set(key, promise)
    return promise
  }
}

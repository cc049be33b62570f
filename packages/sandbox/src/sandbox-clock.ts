/**
 * The sandbox's sense of time. `scale` shortens platform durations such as
 * rate-limit windows and webhook retry delays, so tests need not wait for
 * them: with scale 100, a 10 s window lasts 100 ms.
 */
export class SandboxClock {
  readonly scale: number
  readonly #offsetMs: number

  constructor(options: { scale?: number; offsetMs?: number } = {}) {
    this.scale = options.scale ?? 1
    this.#offsetMs = options.offsetMs ?? 0
  }

  /** Epoch milliseconds, as the platform would see them. */
  now(): number {
    return Date.now() + this.#offsetMs
  }

  /** Turns a platform duration into the real duration to wait. */
  scaled(platformMs: number): number {
    return platformMs / this.scale
  }

  sleep(platformMs: number): Promise<void> {
    return new Promise((resolve) => {
      setTimeout(resolve, this.scaled(platformMs)).unref()
    })
  }
}

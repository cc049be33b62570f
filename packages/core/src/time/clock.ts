/**
 * A source of time in milliseconds and a way to wait. The API client and the
 * rate limiter read time only through this, so a test can run them on a
 * faster clock that matches a sandbox started with a time scale.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number
  /** Resolves after `ms` clock milliseconds, or rejects when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** The wall clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleepReal(ms, signal),
}

/**
 * Returns a clock that runs `scale` times faster than the wall clock from `origin`,
 * epoch milliseconds at which both read the same. With scale 50, a 10 s
 * rate-limit window passes in 200 ms, as it does in a sandbox started with
 * `timeScale: 50`. Processes that share a rate limiter pass one origin, so
 * their clocks agree.
 */
export function scaledClock(scale: number, origin = Date.now()): Clock {
  const start = origin
  return {
    now: () => start + (Date.now() - start) * scale,
    sleep: (ms, signal) => sleepReal(ms / scale, signal),
  }
}

function sleepReal(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }

    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      },
      Math.max(0, ms),
    )
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

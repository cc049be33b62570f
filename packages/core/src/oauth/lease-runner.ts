import { setTimeout as sleep } from 'node:timers/promises'
import type { DatabaseLease } from '../db/database-lease.js'
import { HoopkitError } from '../errors/hoopkit-error.js'

export interface LeaseRunOptions<T> {
  leases: DatabaseLease
  name: string
  /** How long a lease lasts if its holder dies, in milliseconds. */
  ttlMs: number
  /** How often a waiting caller looks again, in milliseconds. */
  pollMs: number
  /** How long a caller waits for the lease in all, in milliseconds. */
  waitMs: number
  /** Returns the result when another holder already did the work. */
  check: () => Promise<T | undefined>
  work: () => Promise<T>
}

/**
 * Does `work` under a database lease, once across processes. A caller that
 * finds the lease taken polls `check` until the holder's result shows up
 * or the lease frees, and then checks again before working itself.
 */
export async function runUnderLease<T>(
  options: LeaseRunOptions<T>,
): Promise<T> {
  const deadline = Date.now() + options.waitMs

  for (;;) {
    const done = await options.check()
    if (done !== undefined) {
      return done
    }

    const lease = await options.leases.tryAcquire(options.name, options.ttlMs)
    if (lease) {
      try {
        return (await options.check()) ?? (await options.work())
      } finally {
        await lease.release()
      }
    }

    if (Date.now() > deadline) {
      throw new HoopkitError(
        'TOKEN_REFRESH_FAILED',
        `lease ${options.name}: timed out after ${options.waitMs} ms ` +
          'waiting for another process: retry the call',
        { details: { lease: options.name } },
      )
    }
    await sleep(options.pollMs)
  }
}

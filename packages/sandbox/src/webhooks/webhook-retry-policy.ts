import type { WebhookBehaviour } from './webhook-behaviour.js'

/** The end of one delivery attempt: a response, a timeout or a failed connection. */
export type AttemptOutcome =
  | { kind: 'response'; status: number }
  | { kind: 'timeout' }
  | { kind: 'connection_failed' }

const minute = 60_000

/**
 * Returns the platform-time delay before retry number `retry` (1 for the
 * first retry), or `null` when the policy sends no more. A 2xx never
 * reaches here, since retries stop at the first 2xx.
 */
export function retryDelay(
  policy: WebhookBehaviour['webhookRetryPolicy'],
  retry: number,
  outcome: AttemptOutcome,
  random: () => number = Math.random,
): number | null {
  if (policy === 'older') {
    const retried = outcome.kind === 'response' && outcome.status === 429
    // About 10 minutes apart, about 1 h 10 min over the 6 retries.
    return retried && retry <= 6 ? 10 * minute + random() * 3 * minute : null
  }

  if (retry > 12) {
    return null
  }
  // NOTE: the platform gives no schedule beyond "seconds to minutes", so
  // this doubling from 5 s, capped at 10 min, is an estimate.
  const base = Math.min(5000 * 2 ** (retry - 1), 10 * minute)
  return base + random() * base * 0.5
}

export function isSuccess(outcome: AttemptOutcome): boolean {
  return (
    outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300
  )
}

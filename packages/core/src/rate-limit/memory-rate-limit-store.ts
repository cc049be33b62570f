import {
  type AcquireResult,
  type BucketLimits,
  dailySlotMs,
  dailySlotsPerWindow,
  heldUntil,
  oldestCountedSlot,
  type RateLimitStore,
  type UsedCounts,
} from './rate-limit-store.js'

interface SentRequest {
  at: number
  ticket: string | null
}

interface BucketState {
  /** The requests in the burst window, oldest first. */
  sent: SentRequest[]
  /** Requests per daily slot index. */
  dailySlots: Map<number, number>
}

/** Keeps the counts in this process, for an app that runs one process. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #buckets = new Map<string, BucketState>()

  async acquire(
    bucket: string,
    limits: BucketLimits,
    now: number,
    ticket: string,
  ): Promise<AcquireResult> {
    const state = this.#prune(bucket, limits, now)

    const dailyUsed = sumSlots(state.dailySlots)
    if (dailyUsed >= limits.dailyMax) {
      return {
        ok: false,
        limit: 'daily',
        retryInMs: dailyRetry(state, limits, now),
      }
    }

    const oldest = state.sent[state.sent.length - limits.burstMax]
    if (oldest !== undefined) {
      return {
        ok: false,
        limit: 'burst',
        retryInMs: oldest.at + limits.burstWindowMs - now,
      }
    }

    state.sent.push({ at: heldUntil(limits, now), ticket })
    addToSlot(state.dailySlots, slotOf(limits, now), 1)
    return { ok: true }
  }

  async settle(bucket: string, ticket: string, now: number): Promise<void> {
    const state = this.#buckets.get(bucket)
    const request = state?.sent.find((entry) => entry.ticket === ticket)
    if (state && request) {
      request.at = now
      state.sent.sort((a, b) => a.at - b.at)
    }
  }

  async raise(
    bucket: string,
    used: UsedCounts,
    limits: BucketLimits,
    now: number,
  ): Promise<void> {
    // Requests that left the window since `countedSince` still explain the
    // platform's count, so they are counted before pruning.
    const since = used.countedSince ?? now - limits.burstWindowMs
    const seen = (this.#buckets.get(bucket)?.sent ?? []).filter(
      (entry) => entry.at > since,
    ).length
    const state = this.#prune(bucket, limits, now)

    const missingBurst = (used.burstUsed ?? 0) - seen
    for (let i = 0; i < missingBurst; i++) {
      state.sent.push({ at: now, ticket: null })
    }
    // `now` may lie before the latest send, and pruning needs sorted times.
    state.sent.sort((a, b) => a.at - b.at)

    const missingDaily = (used.dailyUsed ?? 0) - sumSlots(state.dailySlots)
    if (missingDaily > 0) {
      addToSlot(state.dailySlots, slotOf(limits, now), missingDaily)
    }
  }

  async close(): Promise<void> {
    this.#buckets.clear()
  }

  #prune(bucket: string, limits: BucketLimits, now: number): BucketState {
    let state = this.#buckets.get(bucket)
    if (!state) {
      state = { sent: [], dailySlots: new Map() }
      this.#buckets.set(bucket, state)
    }

    const expired = state.sent.findIndex(
      (entry) => entry.at > now - limits.burstWindowMs,
    )
    state.sent.splice(0, expired === -1 ? state.sent.length : expired)

    const oldestSlot = oldestCountedSlot(limits, now)
    for (const slot of state.dailySlots.keys()) {
      if (slot < oldestSlot) {
        state.dailySlots.delete(slot)
      }
    }
    return state
  }
}

function slotOf(limits: BucketLimits, now: number): number {
  return Math.floor(now / dailySlotMs(limits))
}

function sumSlots(slots: Map<number, number>): number {
  let sum = 0
  for (const count of slots.values()) {
    sum += count
  }
  return sum
}

function addToSlot(slots: Map<number, number>, slot: number, count: number) {
  slots.set(slot, (slots.get(slot) ?? 0) + count)
}

function dailyRetry(
  state: BucketState,
  limits: BucketLimits,
  now: number,
): number {
  const oldest = Math.min(...state.dailySlots.keys())
  const expiresAt = (oldest + dailySlotsPerWindow + 1) * dailySlotMs(limits)
  return Math.max(1, expiresAt - now)
}

import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import {
  type AcquireResult,
  type BucketLimits,
  dailySlotMs,
  dailySlotsPerWindow,
  heldUntil,
  type RateLimitStore,
  type UsedCounts,
} from './rate-limit-store.js'

// KEYS: the burst sorted set (send times) and the daily hash (slot → count).
// ARGV: now, burstMax, burstWindowMs, dailyMax, slotMs, slotsKept, member,
// mode ('acquire', 'settle' or 'raise'), burstUsed, dailyUsed, and then
// holdMs for 'acquire' or countedSince for 'raise'. The member is the
// request's ticket, or a fresh id for placeholder requests.
// Returns {0, 0} when recorded, {1, wait} for a full burst window and
// {2, wait} for a spent daily budget. One script call is atomic in Redis.
const script = `
local now = tonumber(ARGV[1])
local burstMax = tonumber(ARGV[2])
local burstWindow = tonumber(ARGV[3])
local dailyMax = tonumber(ARGV[4])
local slotMs = tonumber(ARGV[5])
local slotsKept = tonumber(ARGV[6])
local member = ARGV[7]
local mode = ARGV[8]

if mode == 'settle' then
  redis.call('ZADD', KEYS[1], 'XX', now, member)
  return {0, 0}
end

-- Requests that left the window since countedSince still explain the
-- platform's count, so they are counted before pruning.
local seen = 0
if mode == 'raise' then
  seen = redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[11], '+inf')
end

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - burstWindow)
local current = math.floor(now / slotMs)
local oldestKept = current - slotsKept
local dailyUsed = 0
local oldestSlot = current
local slots = redis.call('HGETALL', KEYS[2])
for i = 1, #slots, 2 do
  local slot = tonumber(slots[i])
  if slot < oldestKept then
    redis.call('HDEL', KEYS[2], slots[i])
  else
    dailyUsed = dailyUsed + tonumber(slots[i + 1])
    if slot < oldestSlot then oldestSlot = slot end
  end
end
local burstUsed = redis.call('ZCARD', KEYS[1])

local function keep()
  redis.call('PEXPIRE', KEYS[1], math.ceil(burstWindow * 2))
  redis.call('PEXPIRE', KEYS[2], math.ceil(slotMs * (slotsKept + 2)))
end

if mode == 'raise' then
  local missingBurst = tonumber(ARGV[9]) - seen
  for i = 1, missingBurst do
    redis.call('ZADD', KEYS[1], now, member .. ':' .. i)
  end
  local missingDaily = tonumber(ARGV[10]) - dailyUsed
  if missingDaily > 0 then
    redis.call('HINCRBY', KEYS[2], current, missingDaily)
  end
  keep()
  return {0, 0}
end

if dailyUsed >= dailyMax then
  return {2, math.max(1, (oldestSlot + slotsKept + 1) * slotMs - now)}
end
if burstUsed >= burstMax then
  local entry = redis.call('ZRANGE', KEYS[1], burstUsed - burstMax, burstUsed - burstMax, 'WITHSCORES')
  return {1, tonumber(entry[2]) + burstWindow - now}
end

redis.call('ZADD', KEYS[1], now + tonumber(ARGV[11]), member)
redis.call('HINCRBY', KEYS[2], current, 1)
keep()
return {0, 0}
`

export interface RedisRateLimitStoreOptions {
  /** A `redis://` URL, such as the app's `REDIS_URL`. */
  url: string
  /** Prefixes every key, so several apps can share one Redis. @default 'hoopkit:rate-limit:' */
  keyPrefix?: string
}

/**
 * Keeps the counts in Redis, so every process of an app draws on one
 * budget per bucket. Each decision runs as one Lua script, so concurrent
 * processes cannot both take the last request of a window.
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly #redis: Redis
  readonly #prefix: string

  constructor(options: RedisRateLimitStoreOptions) {
    this.#redis = new Redis(options.url, { lazyConnect: false })
    this.#prefix = options.keyPrefix ?? 'hoopkit:rate-limit:'
  }

  async acquire(
    bucket: string,
    limits: BucketLimits,
    now: number,
    ticket: string,
  ): Promise<AcquireResult> {
    const hold = heldUntil(limits, now) - now
    const [outcome, wait] = await this.#run(bucket, limits, now, ticket, [
      'acquire',
      '0',
      '0',
      String(hold),
    ])
    if (outcome === 0) {
      return { ok: true }
    }
    return {
      ok: false,
      limit: outcome === 2 ? 'daily' : 'burst',
      retryInMs: wait,
    }
  }

  async settle(bucket: string, ticket: string, now: number): Promise<void> {
    // Settling reads no limits, so these only fill the argument list.
    const limits = {
      burstMax: 1,
      burstWindowMs: 1,
      dailyMax: 1,
      dailyWindowMs: 24,
    }
    await this.#run(bucket, limits, now, ticket, ['settle'])
  }

  async raise(
    bucket: string,
    used: UsedCounts,
    limits: BucketLimits,
    now: number,
  ): Promise<void> {
    await this.#run(bucket, limits, now, `${now}:${randomUUID()}`, [
      'raise',
      String(used.burstUsed ?? 0),
      String(used.dailyUsed ?? 0),
      String(used.countedSince ?? now - limits.burstWindowMs),
    ])
  }

  async close(): Promise<void> {
    await this.#redis.quit()
  }

  async #run(
    bucket: string,
    limits: BucketLimits,
    now: number,
    member: string,
    modeArgs: string[],
  ): Promise<[number, number]> {
    const keys = [
      `${this.#prefix}${bucket}:burst`,
      `${this.#prefix}${bucket}:daily`,
    ]
    const result = (await this.#redis.eval(
      script,
      keys.length,
      ...keys,
      now,
      limits.burstMax,
      limits.burstWindowMs,
      limits.dailyMax,
      dailySlotMs(limits),
      dailySlotsPerWindow,
      member,
      ...modeArgs,
    )) as [number, number]
    return result
  }
}

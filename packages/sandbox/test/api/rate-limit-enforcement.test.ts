import { spawn } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { RateLimiter, scaledClock } from '@hoopkit/core'
import { busiestWindow, tempSqliteUrl, testEnv } from '@hoopkit/testing'
import { describe, expect, test } from 'vitest'
import type { CountedRequest } from '../../src/api/sandbox-rate-limits.js'
import { seedIds } from '../../src/state/seed-data.js'
import {
  type ApiTestPlatform,
  startApiTestPlatform,
} from './api-test-platform.js'

/**
 * Returns the shortest span, in wall-clock milliseconds, in which `calls` requests
 * fit under 100 per 10 s window at a time scale.
 */
function minimumSpanMs(calls: number, scale: number): number {
  return (Math.ceil(calls / 100) - 1) * (10_000 / scale)
}

function spanOf(requests: readonly CountedRequest[]): number {
  const times = requests.map((request) => request.at)
  return Math.max(...times) - Math.min(...times)
}

/** Returns the maximum number of requests that arrived within one 10 s window. */
function busiestIn(requests: readonly CountedRequest[], scale: number): number {
  return busiestWindow(
    requests.map((request) => request.at),
    10_000 / scale,
  )
}

function bucketOf(platform: ApiTestPlatform, locationId: string): string {
  return `${platform.app.appId}:${locationId}`
}

async function startScaled(
  scale: number,
  database?: { url: string; key: Buffer },
) {
  const origin = Date.now()
  const clock = scaledClock(scale, origin)
  const platform = await startApiTestPlatform({
    sandbox: { timeScale: scale },
    client: { clock, rateLimiter: new RateLimiter({ clock }) },
    database,
  })
  return { platform, origin }
}

function callMany(
  platform: ApiTestPlatform,
  locationId: string,
  calls: number,
) {
  return Promise.all(
    Array.from({ length: calls }, () =>
      platform.client.location(locationId).contacts.list({ limit: 1 }),
    ),
  )
}

/** Starts the worker script; `done` resolves with its stdout once it exits. */
function startWorker(config: object) {
  const worker = fileURLToPath(
    new URL('./rate-limit-worker.ts', import.meta.url),
  )
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', worker, JSON.stringify(config)],
    { cwd: fileURLToPath(new URL('../..', import.meta.url)) },
  )
  let stdout = ''
  let stderr = ''
  let onReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => {
    onReady = resolve
  })
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    if (stdout.startsWith('ready\n')) onReady()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const done = new Promise<string>((resolve, reject) => {
    child.on('exit', (code) =>
      code === 0
        ? resolve(stdout.slice('ready\n'.length))
        : reject(new Error(`worker exited with ${code}: ${stderr}`)),
    )
  })
  return {
    ready,
    done,
    go: () => child.stdin.write('go\n'),
    stop: () => child.kill(),
  }
}

describe('ApiClient against sandbox rate limits', () => {
  // Real time. Each window opens when the response of the request it
  // replaces arrives, and the sandbox takes up to a second for a batch of
  // 100 on a busy machine, so a shorter window would blur the 5% bound.
  test('1000 calls get no 429', { timeout: 180_000 }, async () => {
    const scale = 1
    const { platform } = await startScaled(scale)
    await using _ = platform

    const results = await callMany(platform, seedIds.harbor, 1000)

    const requests = platform.sandbox.context.api.limits.requestsOf(
      bucketOf(platform, seedIds.harbor),
    )
    expect(results).toHaveLength(1000)
    expect(requests).toHaveLength(1000)
    expect(requests.filter((r) => r.status === 429)).toEqual([])
    expect(busiestIn(requests, scale)).toBeLessThanOrEqual(100)
    expect(spanOf(requests)).toBeLessThanOrEqual(
      minimumSpanMs(1000, scale) * 1.05,
    )
  })

  test('two sub-accounts each get full budget', {
    timeout: 60_000,
  }, async () => {
    const scale = 10
    const { platform } = await startScaled(scale)
    await using _ = platform

    await Promise.all([
      callMany(platform, seedIds.harbor, 250),
      callMany(platform, seedIds.peak, 250),
    ])

    const limits = platform.sandbox.context.api.limits
    for (const locationId of [seedIds.harbor, seedIds.peak]) {
      const requests = limits.requestsOf(bucketOf(platform, locationId))
      const first = Math.min(...requests.map((r) => r.at))
      const firstWindow = requests.filter((r) => r.at < first + 10_000 / scale)
      expect(requests).toHaveLength(250)
      expect(requests.filter((r) => r.status === 429)).toEqual([])
      expect(firstWindow).toHaveLength(100)
      expect(busiestIn(requests, scale)).toBe(100)
    }
  })

  // Real time, for the reason above.
  test('three processes share a Redis limiter', {
    timeout: 180_000,
  }, async () => {
    const scale = 1
    const key = randomBytes(32)
    const databaseUrl = tempSqliteUrl()
    const { platform, origin } = await startScaled(scale, {
      url: databaseUrl,
      key,
    })
    await using _ = platform
    const config = {
      apiUrl: platform.sandbox.url,
      clientId: platform.app.clientId,
      clientSecret: platform.app.clientSecret,
      appId: platform.app.appId,
      databaseUrl,
      key: key.toString('base64'),
      locationId: seedIds.harbor,
      scale,
      origin,
      redisUrl: testEnv.redisUrl,
      keyPrefix: `hoopkit-test:${randomUUID()}:`,
    }

    const calls = [334, 333, 333]
    const workers = calls.map((count) =>
      startWorker({ ...config, calls: count }),
    )
    let outputs: string[]
    try {
      await Promise.all(workers.map((worker) => worker.ready))
      for (const worker of workers) worker.go()
      outputs = await Promise.all(workers.map((worker) => worker.done))
    } finally {
      for (const worker of workers) worker.stop()
    }

    const reports = outputs.map(
      (output) => JSON.parse(output) as { ok: number; errors: string[] },
    )
    const requests = platform.sandbox.context.api.limits.requestsOf(
      bucketOf(platform, seedIds.harbor),
    )
    expect(reports.map((report) => report.errors)).toEqual([[], [], []])
    expect(reports.map((report) => report.ok)).toEqual(calls)
    expect(requests).toHaveLength(1000)
    expect(requests.filter((r) => r.status === 429)).toEqual([])
    expect(busiestIn(requests, scale)).toBeLessThanOrEqual(100)
    expect(spanOf(requests)).toBeLessThanOrEqual(
      minimumSpanMs(1000, scale) * 1.05,
    )
  })
})

// Webhook ingest: throughput and acknowledgement latency at 50 concurrent
// connections for hoopkit (verify, dedupe, durable SQLite inbox, 200), a
// bare node:http server that only verifies, the official SDK's middleware
// on Express, hoopkit on an in-memory database to tell disk cost apart, and
// hoopkit checking signatures on its event loop instead of its thread. Each server runs in its own process on 127.0.0.1, and the load
// comes from wrk, whose C event loop leaves the servers the CPU that a
// Node.js load generator would take from them on a small machine.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto'
import { once } from 'node:events'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { machineLine, writeBenchmarkSection } from '../benchmark-section.js'

const concurrency = 50
const warmupSeconds = 3
const measuredSeconds = 8
const rounds = 5
// More bodies than the fastest server posts in one run, so none repeats.
const warmupBodies = 40_000
const measuredBodies = 100_000
const kinds = (
  process.env['BENCH_KINDS'] ?? 'bare,hoopkit,hoopkit-memory,hoopkit-inline,sdk'
).split(',')
const clientId = 'a1b2c3d4e5f6a7b8c9d0e1f2-bench001'
const appId = clientId.split('-')[0]
const script = new URL('./signed-posts.lua', import.meta.url).pathname
const folder = mkdtempSync(join(tmpdir(), 'hoopkit-bench-'))

const loadAtStart = loadavg()[0] ?? 0
const keys = generateKeyPairSync('ed25519')
const publicKeyPem = keys.publicKey
  .export({ type: 'spki', format: 'pem' })
  .toString()

function requireWrk(): void {
  const probe = spawnSync('wrk', ['--version'], { encoding: 'utf8' })
  if (probe.error !== undefined) {
    throw new Error(
      'ingest bench: wrk is not installed: install it with ' +
        '`apt-get install -y wrk` and run the bench again',
    )
  }
}

/**
 * Writes unique signed ContactCreate bodies, one per line as signature,
 * tab, body, so hoopkit stores each one and never takes the duplicate path.
 */
function writeSignedBodies(name: string, count: number): string {
  const timestamp = new Date().toISOString()
  const lines = Array.from({ length: count }, (_, index) => {
    const body = JSON.stringify({
      type: 'ContactCreate',
      appId,
      locationId: 'SbxLocHarborDental01',
      id: `contact_${index}`,
      firstName: 'Maya',
      lastName: 'Chen',
      email: 'maya.chen@example.test',
      tags: ['new-patient'],
      timestamp,
      webhookId: randomUUID(),
    })
    const signature = sign(null, Buffer.from(body), keys.privateKey)
    return `${signature.toString('base64')}\t${body}`
  })
  const file = join(folder, `${name}.txt`)
  writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

async function startServer(
  kind: string,
): Promise<{ port: number; child: ChildProcess }> {
  const database = mkdtempSync(join(folder, `${kind}-`))
  const child = spawn(
    process.execPath,
    [
      ...(process.env['BENCH_NODE_ARGS']?.split(' ') ?? []),
      '--import',
      import.meta.resolve('tsx'),
      new URL('./ingest-servers.ts', import.meta.url).pathname,
      kind,
    ],
    {
      env: {
        PATH: process.env['PATH'],
        WEBHOOK_PUBLIC_KEY: publicKeyPem,
        CLIENT_ID: clientId,
        DATABASE_URL:
          kind === 'hoopkit-memory'
            ? 'sqlite::memory:'
            : `sqlite:${join(database, 'bench.db')}`,
        BENCH_WORKER: process.env['BENCH_WORKER'] ?? 'on',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const lines = createInterface({
    input: child.stdout as NodeJS.ReadableStream,
  })
  const [line] = (await once(lines, 'line')) as [string]
  return { port: Number(line), child }
}

interface RunResult {
  requests: number
  throughput: number
  p50: number
  p99: number
  failures: number
}

/** Runs wrk against one server and reads its summary. */
function load(port: number, file: string, seconds: number): RunResult {
  const run = spawnSync(
    'wrk',
    [
      '--threads',
      '1',
      '--connections',
      String(concurrency),
      '--duration',
      `${seconds}s`,
      '--timeout',
      '10s',
      '--latency',
      '--script',
      script,
      `http://127.0.0.1:${port}/webhooks`,
    ],
    { encoding: 'utf8', env: { ...process.env, BENCH_REQUESTS: file } },
  )
  if (run.status !== 0) {
    throw new Error(`ingest bench: wrk failed: ${run.stderr || run.stdout}`)
  }
  return readWrkSummary(run.stdout)
}

function readWrkSummary(output: string): RunResult {
  const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? 0)
  const socketErrors = /Socket errors: (.*)/.exec(output)?.[1] ?? ''
  return {
    requests: number(/(\d+) requests in/),
    throughput: number(/Requests\/sec:\s+([\d.]+)/),
    p50: latencyMs(/ 50%\s+([\d.]+\w+)/.exec(output)?.[1]),
    p99: latencyMs(/ 99%\s+([\d.]+\w+)/.exec(output)?.[1]),
    failures:
      number(/Non-2xx or 3xx responses: (\d+)/) +
      [...socketErrors.matchAll(/\d+/g)].reduce(
        (sum, match) => sum + Number(match[0]),
        0,
      ),
  }
}

/** Turns a wrk latency such as `812.00us`, `3.37ms` or `1.02s` into ms. */
function latencyMs(text: string | undefined): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(text ?? '')
  if (match === null) {
    throw new Error(`ingest bench: wrk printed no latency (${text})`)
  }
  const scale: Record<string, number> = { us: 0.001, ms: 1, s: 1000 }
  return Number(match[1]) * (scale[match[2] ?? 'ms'] ?? 1)
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return (
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ??
    0
  )
}

async function measure(
  kind: string,
  files: { warmup: string; measured: string },
) {
  const server = await startServer(kind)
  try {
    load(server.port, files.warmup, warmupSeconds)
    const result = load(server.port, files.measured, measuredSeconds)
    if (result.requests > measuredBodies) {
      console.warn(
        `ingest bench: ${kind} took ${result.requests} requests, more than ` +
          `the ${measuredBodies} unique bodies: raise measuredBodies`,
      )
    }
    return { kind, ...result }
  } finally {
    server.child.kill('SIGTERM')
    await once(server.child, 'exit')
  }
}

requireWrk()

// The servers take turns, round after round, and each figure is the
// median over the rounds, so a burst of other load on the machine moves
// them all alike instead of one.
const runs: Awaited<ReturnType<typeof measure>>[] = []
for (let round = 1; round <= rounds; round += 1) {
  const files = {
    warmup: writeSignedBodies(`warmup-${round}`, warmupBodies),
    measured: writeSignedBodies(`measured-${round}`, measuredBodies),
  }
  for (const kind of kinds) {
    const result = await measure(kind, files)
    console.log(
      `round ${round} ${kind}: ${result.throughput.toFixed(0)} req/s, ` +
        `p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, ` +
        `${result.failures} failed of ${result.requests}`,
    )
    runs.push(result)
  }
}

function median(values: number[]): number {
  return percentile(values, 0.5)
}

const results = kinds.map((kind) => {
  const own = runs.filter((run) => run.kind === kind)
  return {
    kind,
    throughput: median(own.map((run) => run.throughput)),
    lowest: Math.min(...own.map((run) => run.throughput)),
    highest: Math.max(...own.map((run) => run.throughput)),
    p50: median(own.map((run) => run.p50)),
    p99: median(own.map((run) => run.p99)),
    requests: own.reduce((sum, run) => sum + run.requests, 0),
    failures: own.reduce((sum, run) => sum + run.failures, 0),
  }
})

const bare = results.find((result) => result.kind === 'bare')
const hoopkit = results.find((result) => result.kind === 'hoopkit')
const sdk = results.find((result) => result.kind === 'sdk')
if (!bare || !hoopkit || !sdk) {
  throw new Error('ingest bench: a server produced no result')
}
const ratio = hoopkit.throughput / bare.throughput
const meanMs = (result: { throughput: number }) =>
  (concurrency / result.throughput) * 1000
const verdicts = [
  `hoopkit reaches ${(ratio * 100).toFixed(0)}% of the bare server's throughput (target: at least 70%): ${ratio >= 0.7 ? 'met' : 'missed'}.`,
  `hoopkit against the SDK middleware: ${(hoopkit.throughput / sdk.throughput).toFixed(2)}× its throughput (target: ahead): ${hoopkit.throughput > sdk.throughput ? 'met' : 'missed'}.`,
  `hoopkit p99 acknowledgement latency ${hoopkit.p99.toFixed(2)} ms (target: under 20 ms): ${hoopkit.p99 < 20 ? 'met' : 'missed'}.`,
  // Little's law: with every connection always busy, the mean latency is
  // the connection count divided by the throughput, for any server.
  `With ${concurrency} requests always in flight, the mean latency of any server is ${concurrency} / throughput (Little's law): ${meanMs(hoopkit).toFixed(2)} ms for hoopkit and ${meanMs(bare).toFixed(2)} ms for the bare server here. Their p99 is ${(hoopkit.p99 / meanMs(hoopkit)).toFixed(1)} and ${(bare.p99 / meanMs(bare)).toFixed(1)} times that mean, so at the bare server's ratio a p99 under 20 ms needs ${((concurrency * 1000 * (bare.p99 / meanMs(bare))) / 20).toFixed(0)} requests/s on these cores.`,
]
const labels: Record<string, string> = {
  bare: 'Bare node:http, verify only',
  hoopkit: 'hoopkit: verify, dedupe, SQLite inbox',
  'hoopkit-memory':
    'hoopkit on in-memory SQLite (not durable; shows disk cost)',
  'hoopkit-inline': 'hoopkit, signatures checked on the event loop',
  sdk: 'Official SDK 3.1.0 middleware on Express',
}
const rows = results.map(
  (result) =>
    `| ${labels[result.kind]} | ${result.throughput.toFixed(0)} (${result.lowest.toFixed(0)}–${result.highest.toFixed(0)}) | ${result.p50.toFixed(2)} | ${result.p99.toFixed(2)} | ${(result.throughput / bare.throughput).toFixed(2)} | ${result.failures} |`,
)

writeBenchmarkSection(
  'Webhook ingest',
  `Script: \`bench/webhooks/ingest.bench.ts\` (needs wrk: \`apt-get install -y
wrk\`). ${machineLine()} Each server runs in its own Node process on
127.0.0.1. The load comes from wrk in another process, one thread with
${concurrency} keep-alive connections, posting unique signed ContactCreate
bodies (about 300 bytes) for ${measuredSeconds} s after ${warmupSeconds} s of warm-up. The
servers take turns for ${rounds} rounds, and each figure is the median over the
rounds. hoopkit writes each event to a SQLite file (WAL, synchronous
NORMAL) before its 200, with its inbox worker running in the same process.
It checks signatures on one thread of its own, its default on a machine
with more than one core, while the bare server checks them on its event
loop. The SDK middleware verifies the raw bytes captured by
\`express.json\` and stores nothing. Other builds and tests may run on the machine at the same
time: its 1-minute load average was ${loadAtStart.toFixed(1)} at the start and
${loadavg()[0]?.toFixed(1)} at the end.

| Server | Requests/s, median (range) | p50 ms | p99 ms | Throughput vs bare | Failed (all rounds) |
|---|---|---|---|---|---|
${rows.join('\n')}

${verdicts.map((line) => `- ${line}`).join('\n')}
`,
)

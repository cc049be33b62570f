// Measures the API client against the sandbox's rate limits, beside a
// plain fetch loop to the same sandbox in the same run. It reports how much
// of the burst budget each uses, how many 429s each draws, and what the
// client adds to each call. Writes its section of docs/benchmarks.md.
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ApiClient,
  createOauthServices,
  defineApp,
  openDatabase,
  RateLimiter,
  scaledClock,
  TokenCipher,
} from '@hoopkit/core'
import { seedIds, startSandbox } from '@hoopkit/sandbox'
import { machineLine, writeBenchmarkSection } from '../benchmark-section.js'

const scale = 2
const windowMs = 10_000 / scale
const pacedCalls = 1_000
const sequentialCalls = 500

const loadAtStart = loadavg()[0] ?? 0
const sandbox = await startSandbox({ timeScale: scale })
const app = sandbox.registerApp(
  defineApp({
    name: 'Bench App',
    description: 'Calls the contacts endpoint.',
    redirectUri: '/oauth/callback',
    scopes: ['contacts.readonly', 'contacts.write'],
    webhook: { url: '/webhooks', events: ['INSTALL', 'UNINSTALL'] },
  }),
  { publicUrl: 'http://127.0.0.1:9/' },
)
const grant = await installOn(seedIds.harbor, seedIds.harborUser)

const folder = mkdtempSync(join(tmpdir(), 'hoopkit-bench-'))
const database = await openDatabase({ url: join(folder, 'bench.db') })
const oauth = createOauthServices({
  database,
  cipher: new TokenCipher(randomBytes(32)),
  client: {
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    apiUrl: sandbox.url,
  },
})
await oauth.tokens.put({
  appId: app.appId,
  resourceId: seedIds.harbor,
  userType: 'Location',
  companyId: seedIds.company,
  locationId: seedIds.harbor,
  accessToken: grant.accessToken,
  refreshToken: grant.refreshToken,
  expiresAt: null,
  scope: grant.scope,
  userId: seedIds.harborUser,
})
const limits = sandbox.context.api.limits
const bucket = `${app.appId}:${seedIds.harbor}`
const path = `/contacts/?locationId=${seedIds.harbor}&limit=1`

const plainBurst = await measure(() =>
  Promise.all(
    Array.from({ length: pacedCalls }, () =>
      fetch(`${sandbox.url}${path}`, { headers: headers() }).then((r) =>
        r.arrayBuffer(),
      ),
    ),
  ),
)

await waitForEmptyWindow()
const clock = scaledClock(scale)
const client = new ApiClient({
  appId: app.appId,
  apiUrl: sandbox.url,
  tokens: oauth.refresher,
  clock,
  rateLimiter: new RateLimiter({ clock }),
})
const paced = await measure(() =>
  Promise.all(
    Array.from({ length: pacedCalls }, () =>
      client.location(seedIds.harbor).contacts.list({ limit: 1 }),
    ),
  ),
)

// The sandbox's limits are off and this limiter's budget is never reached,
// so no call waits and the difference to plain fetch is the client's own.
limits.configure({ enabled: false })
const unpacedClient = new ApiClient({
  appId: app.appId,
  apiUrl: sandbox.url,
  tokens: oauth.refresher,
  rateLimiter: new RateLimiter({ burstMax: 1_000_000_000 }),
})
const sequential = await interleaved(
  () =>
    fetch(`${sandbox.url}${path}`, { headers: headers() }).then((r) =>
      r.json(),
    ),
  () => unpacedClient.location(seedIds.harbor).contacts.list({ limit: 1 }),
)
const plainSequential = sequential.first
const clientSequential = sequential.second

const idealSpan = (Math.ceil(pacedCalls / 100) - 1) * windowMs
writeBenchmarkSection(
  'API client',
  `
Script: \`bench/api-client/client.bench.ts\`. ${machineLine()} The client
and the sandbox run in one process on 127.0.0.1, with the sandbox at time
scale ${scale}, so its 10 s burst window lasts ${windowMs} ms of wall time.
Other builds and tests may run on the machine at the same time; the
one-minute load average at the start was ${loadAtStart.toFixed(1)}.

| ${pacedCalls} concurrent calls to \`GET /contacts/\` | Plain \`fetch\` | API client |
|---|---|---|
| Requests the sandbox received | ${plainBurst.requests} | ${paced.requests} |
| 429 replies | ${plainBurst.rejected} | ${paced.rejected} |
| Successful calls | ${plainBurst.requests - plainBurst.rejected} | ${paced.requests - paced.rejected} |
| Most requests in one burst window (limit 100) | ${plainBurst.busiest} | ${paced.busiest} |
| First to last request | ${plainBurst.spanMs} ms | ${paced.spanMs} ms (shortest the limit allows: ${idealSpan} ms) |
| Budget use: shortest span ÷ actual span | | ${((idealSpan / paced.spanMs) * 100).toFixed(1)}% |

Plain \`fetch\` sends every call at once, so all but the first 100 get 429
and are lost; the client waits for room and completes every call.

| ${sequentialCalls} sequential calls each, in turn, no rate limits | Plain \`fetch\` | API client |
|---|---|---|
| Mean time per call | ${plainSequential.toFixed(3)} ms | ${clientSequential.toFixed(3)} ms |
| Client overhead per call | | ${(clientSequential - plainSequential).toFixed(3)} ms |

The overhead covers the token lookup in SQLite, the scope check, the rate
limiter and the response schema.
`,
)

await client.close()
await unpacedClient.close()
await sandbox.close()
await database.close()

function headers(): Record<string, string> {
  return { Authorization: `Bearer ${grant.accessToken}`, Version: '2021-07-28' }
}

async function measure(run: () => Promise<unknown>) {
  limits.reset()
  await run()
  const requests = limits.requestsOf(bucket)
  const times = requests.map((request) => request.at).sort((a, b) => a - b)
  return {
    requests: requests.length,
    rejected: requests.filter((request) => request.status === 429).length,
    busiest: busiestWindow(times),
    spanMs: (times.at(-1) ?? 0) - (times[0] ?? 0),
  }
}

function busiestWindow(times: number[]): number {
  let busiest = 0
  let start = 0
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) {
      start++
    }
    busiest = Math.max(busiest, end - start + 1)
  }
  return busiest
}

/**
 * Returns the mean milliseconds per call of two kinds of call, run in
 * turn, so that warm-up and other load on the machine fall on both alike.
 */
async function interleaved(
  first: () => Promise<unknown>,
  second: () => Promise<unknown>,
): Promise<{ first: number; second: number }> {
  for (let i = 0; i < 50; i++) {
    await first()
    await second()
  }
  const totals = { first: 0, second: 0 }
  for (let i = 0; i < sequentialCalls; i++) {
    let started = performance.now()
    await first()
    totals.first += performance.now() - started
    started = performance.now()
    await second()
    totals.second += performance.now() - started
  }
  return {
    first: totals.first / sequentialCalls,
    second: totals.second / sequentialCalls,
  }
}

/** Lets the plain loop's requests, 429s included, leave the window. */
async function waitForEmptyWindow(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, windowMs * 1.1))
  limits.reset()
}

async function installOn(locationId: string, userId: string) {
  const form = new URLSearchParams({
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: app.redirectUri,
    scope: app.scopes.join(' '),
    version_id: app.versionId,
    user_id: userId,
    target: 'locations',
    location_id: locationId,
  })
  const consent = await fetch(`${sandbox.url}/v2/oauth/chooselocation`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  })
  const code = new URL(consent.headers.get('location') ?? '').searchParams.get(
    'code',
  )
  const token = await fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      grant_type: 'authorization_code',
      code: code ?? '',
    }),
  })
  const body = (await token.json()) as Record<string, string>
  return {
    accessToken: body['access_token'] ?? '',
    refreshToken: body['refresh_token'] ?? '',
    scope: body['scope'] ?? '',
  }
}

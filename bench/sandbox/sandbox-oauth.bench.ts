// Measures the sandbox's OAuth side: start-up with and without a new
// signing key, a full install (consent form, redirect, code exchange) and
// refresh round trips, all over HTTP on 127.0.0.1. Writes its section of
// docs/benchmarks.md.
import { defineApp } from '@hoopkit/core'
import { seedIds, startSandbox } from '@hoopkit/sandbox'
import { machineLine, writeBenchmarkSection } from '../benchmark-section.js'

const installs = 200
const refreshes = 500
const checks = 100_000

const declaration = defineApp({
  name: 'Bench App',
  description: 'Benchmarks the sandbox.',
  redirectUri: '/oauth/callback',
  scopes: ['contacts.readonly', 'oauth.write'],
  webhook: { url: '/webhooks' },
})

function elapsed(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

let start = process.hrtime.bigint()
const first = await startSandbox()
const firstStartMs = elapsed(start)
await first.close()

start = process.hrtime.bigint()
const sandbox = await startSandbox()
const laterStartMs = elapsed(start)
const app = sandbox.registerApp(declaration, {
  publicUrl: 'http://127.0.0.1:9',
})
const credentials = { client_id: app.clientId, client_secret: app.clientSecret }

async function installOnce(): Promise<string> {
  const form = new URLSearchParams({
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: app.redirectUri,
    scope: app.scopes.join(' '),
    version_id: app.versionId,
    user_id: seedIds.harborUser,
    target: 'locations',
    location_id: seedIds.harbor,
  })
  const consent = await fetch(`${sandbox.url}/v2/oauth/chooselocation`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  })
  const code = new URL(consent.headers.get('location') ?? '').searchParams
  const exchange = await fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({
      ...credentials,
      grant_type: 'authorization_code',
      code: code.get('code') ?? '',
    }),
  })
  const body = (await exchange.json()) as { refresh_token: string }
  return body.refresh_token
}

const installTimes: number[] = []
let refreshToken = ''
for (let i = 0; i < installs; i += 1) {
  start = process.hrtime.bigint()
  refreshToken = await installOnce()
  installTimes.push(elapsed(start))
}

const refreshTimes: number[] = []
let accessToken = ''
for (let i = 0; i < refreshes; i += 1) {
  start = process.hrtime.bigint()
  const response = await fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({
      ...credentials,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      user_type: 'Location',
    }),
  })
  const body = (await response.json()) as {
    access_token: string
    refresh_token: string
  }
  refreshTimes.push(elapsed(start))
  refreshToken = body.refresh_token
  accessToken = body.access_token
}

start = process.hrtime.bigint()
for (let i = 0; i < checks; i += 1) {
  sandbox.context.auth.authenticate(`Bearer ${accessToken}`)
}
const checkMicros = (elapsed(start) * 1000) / checks
await sandbox.close()

const ms = (value: number) => `${value.toFixed(2)} ms`
writeBenchmarkSection(
  'Sandbox OAuth',
  `
Script: \`bench/sandbox/sandbox-oauth.bench.ts\`. ${machineLine()} Client
and sandbox run in one process on 127.0.0.1, one request at a time. Other
builds and tests may run on the machine at the same time.

| Measure | Result |
|---|---|
| First \`startSandbox()\` in a process, with a new RSA signing key | ${ms(firstStartMs)} |
| Later \`startSandbox()\` in the same process | ${ms(laterStartMs)} |
| Install: consent form, redirect and code exchange, ${installs} times | median ${ms(median(installTimes))} |
| Refresh round trip, ${refreshes} in a row | median ${ms(median(refreshTimes))} |
| \`context.auth.authenticate\` on a valid token, ${checks} calls | ${checkMicros.toFixed(2)} µs per call |
`,
)
console.log('sandbox OAuth benchmark written to docs/benchmarks.md')

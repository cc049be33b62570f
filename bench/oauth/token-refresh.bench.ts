// Measures the token refresher: reading a fresh token, and one refresh
// shared by many concurrent callers, on SQLite and against a local token
// endpoint on 127.0.0.1. Writes its section of docs/benchmarks.md.
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createOauthServices,
  openDatabase,
  TokenCipher,
  type TokenTarget,
} from '@hoopkit/core'
import { machineLine, writeBenchmarkSection } from '../benchmark-section.js'

const clientId = '65f0c0ffee0000000000beef-benchmrk'
const appId = '65f0c0ffee0000000000beef'
const reads = 2_000
const rounds = 20
const callersPerRound = 50

let tokenRequests = 0
const tokenServer = createServer((request, response) => {
  tokenRequests += 1
  request.resume()
  request.on('end', () => {
    response.writeHead(200, { 'Content-Type': 'application/json' })
    response.end(
      JSON.stringify({
        access_token: `AT_${tokenRequests}`,
        refresh_token: `RT_${tokenRequests}`,
        expires_in: 86_399,
        userType: 'Location',
        companyId: 'cmp_B1',
        locationId: 'loc_B1',
      }),
    )
  })
})
tokenServer.listen(0, '127.0.0.1')
await once(tokenServer, 'listening')
const { port } = tokenServer.address() as AddressInfo

const folder = mkdtempSync(join(tmpdir(), 'hoopkit-bench-'))
const database = await openDatabase({ url: join(folder, 'bench.db') })
const oauth = createOauthServices({
  database,
  cipher: new TokenCipher(randomBytes(32)),
  client: {
    clientId,
    clientSecret: 'bench-secret',
    apiUrl: `http://127.0.0.1:${port}`,
  },
})
const target: TokenTarget = {
  appId,
  userType: 'Location',
  resourceId: 'loc_B1',
}

async function storeToken(expiresAt: number): Promise<void> {
  await oauth.tokens.put({
    appId,
    resourceId: 'loc_B1',
    userType: 'Location',
    companyId: 'cmp_B1',
    locationId: 'loc_B1',
    accessToken: 'AT_0',
    refreshToken: 'RT_0',
    expiresAt,
    scope: 'contacts.readonly',
    userId: null,
  })
}

await storeToken(Date.now() + 86_400_000)
const readStart = performance.now()
for (let index = 0; index < reads; index += 1) {
  await oauth.refresher.accessToken(target)
}
const readMs = performance.now() - readStart

const roundMs: number[] = []
tokenRequests = 0
for (let round = 0; round < rounds; round += 1) {
  await storeToken(Date.now() - 1000)
  const start = performance.now()
  await Promise.all(
    Array.from({ length: callersPerRound }, () =>
      oauth.refresher.accessToken(target),
    ),
  )
  roundMs.push(performance.now() - start)
}
roundMs.sort((a, b) => a - b)

await database.close()
tokenServer.close()

const median = roundMs[Math.floor(roundMs.length / 2)] ?? 0
const slowest = roundMs[roundMs.length - 1] ?? 0
writeBenchmarkSection(
  'Token refresher',
  `Script: \`bench/oauth/token-refresh.bench.ts\`. ${machineLine()} SQLite
file in the temporary folder, token endpoint on 127.0.0.1. Other builds and
tests may run on the machine at the same time.

| Measure | Result |
|---|---|
| \`accessToken\` on a fresh stored token, ${reads} sequential calls | ${(readMs / reads).toFixed(3)} ms per call |
| ${callersPerRound} concurrent callers on an expired token, ${rounds} rounds | median ${median.toFixed(1)} ms, slowest ${slowest.toFixed(1)} ms per round |
| Token requests sent in those ${rounds} rounds | ${tokenRequests} |
`,
)
console.log(
  `read ${(readMs / reads).toFixed(3)} ms/call; refresh round median ` +
    `${median.toFixed(1)} ms; ${tokenRequests} token requests in ${rounds} rounds`,
)

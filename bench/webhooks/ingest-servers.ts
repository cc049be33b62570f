// The three webhook servers that ingest.bench.ts compares, one per process:
// `bare` (node:http, read, verify Ed25519, 200), `hoopkit` (Fastify with
// hoopkit's webhook plugin and SQLite inbox), `hoopkit-memory` (the same on
// an in-memory SQLite database, to tell engine cost from disk cost),
// `hoopkit-inline` (the same with signatures checked on the event loop) and
// `sdk` (Express with the official SDK's webhook middleware). Prints the
// port on stdout.
import { createPublicKey, verify } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { HighLevel, type WebhookRequest } from '@gohighlevel/api-client'
import {
  createOauthServices,
  createWebhookRuntime,
  openDatabase,
  TokenCipher,
  WebhookVerifier,
  webhookPlugin,
} from '@hoopkit/core'
import express from 'express'
import Fastify from 'fastify'

const kind = process.argv[2] ?? ''

// Exits normally, so a --cpu-prof profile is written.
process.on('SIGTERM', () => process.exit(0))
const publicKeyPem = process.env['WEBHOOK_PUBLIC_KEY'] ?? ''
const clientId = process.env['CLIENT_ID'] ?? ''

if (kind === 'bare') {
  const key = createPublicKey(publicKeyPem)
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const signature = Buffer.from(
        String(request.headers['x-ghl-signature']),
        'base64',
      )
      const ok = verify(null, Buffer.concat(chunks), key, signature)
      response.writeHead(ok ? 200 : 401).end()
    })
  })
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${(server.address() as AddressInfo).port}\n`)
  })
}

if (kind.startsWith('hoopkit')) {
  const database = await openDatabase({
    url: process.env['DATABASE_URL'] ?? '',
  })
  const oauth = createOauthServices({
    database,
    cipher: new TokenCipher(Buffer.alloc(32, 1)),
    client: {
      clientId,
      clientSecret: 'bench-secret',
      apiUrl: 'http://127.0.0.1:9',
      timeoutMs: 1000,
    },
  })
  const runtime = createWebhookRuntime({
    database,
    verifier: new WebhookVerifier({
      publicKeys: [createPublicKey(publicKeyPem)],
      ...(kind === 'hoopkit-inline' ? { threads: 0 } : {}),
    }),
    oauth,
  })
  const server = Fastify()
  await server.register(webhookPlugin, { receiver: runtime.receiver })
  await server.listen({ host: '127.0.0.1', port: 0 })
  if (process.env['BENCH_WORKER'] !== 'off') {
    runtime.start()
  }
  process.stdout.write(`${(server.server.address() as AddressInfo).port}\n`)
}

if (kind === 'sdk') {
  const ghl = new HighLevel({
    clientId,
    clientSecret: 'bench-secret',
    webhookPublicKey: publicKeyPem,
    logLevel: 'error',
  })
  const app = express()
  app.post(
    '/webhooks',
    express.json({
      verify: (request, _response, buffer) => {
        ;(request as WebhookRequest).rawBody = buffer
      },
    }),
    ghl.webhooks.subscribe(),
    (request, response) => {
      response
        .status((request as WebhookRequest).isSignatureValid ? 200 : 401)
        .end()
    },
  )
  const server = app.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${(server.address() as AddressInfo).port}\n`)
  })
}

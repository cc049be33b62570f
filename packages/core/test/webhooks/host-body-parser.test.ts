import { createServer } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import { tempSqliteUrl } from '@hoopkit/testing'
import express from 'express'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, test } from 'vitest'
import { openDatabase } from '../../src/db/database.js'
import { webhookPlugin } from '../../src/webhooks/fastify-webhook-plugin.js'
import { createNodeWebhookHandler } from '../../src/webhooks/node-webhook-handler.js'
import { WebhookInbox } from '../../src/webhooks/webhook-inbox.js'
import { WebhookReceiver } from '../../src/webhooks/webhook-receiver.js'
import { checkWebhookRoute } from '../../src/webhooks/webhook-route-check.js'
import { WebhookVerifier } from '../../src/webhooks/webhook-verifier.js'
import { eventBody, recordingLogger, testKeys } from './webhook-harness.js'

const keys = testKeys()
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup()
  }
})

async function receiver() {
  const database = await openDatabase({ url: tempSqliteUrl() })
  cleanups.push(() => database.close())
  const inbox = new WebhookInbox(database.db)
  const verifier = new WebhookVerifier({ publicKeys: [keys.publicKey] })
  return { receiver: new WebhookReceiver({ verifier, inbox }), inbox }
}

/** A body with `\/` escapes, which a parse-and-stringify round trip changes. */
function hostileBody(webhookId: string): string {
  return eventBody({
    type: 'ContactCreate',
    locationId: 'loc_A1',
    webhookId,
  }).replace('"loc_A1"', '"loc\\/A1"')
}

function postSigned(url: string, body: string) {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-ghl-signature': keys.signEd25519(body),
    },
    body,
    signal: AbortSignal.timeout(5000),
  })
}

async function listen(server: FastifyInstance): Promise<string> {
  cleanups.push(() => server.close())
  return server.listen({ host: '127.0.0.1', port: 0 })
}

describe('webhook raw body under a host parser', () => {
  test('fastify host with a global JSON parser', async () => {
    const { receiver: webhooks, inbox } = await receiver()
    const host = Fastify()
    host.removeContentTypeParser('application/json')
    host.addContentTypeParser(
      'application/json',
      { parseAs: 'string' },
      (_request, text, done) => done(null, JSON.parse(String(text))),
    )
    await host.register(webhookPlugin, {
      receiver: webhooks,
      prefix: '/api/v1',
    })
    host.post('/api/other', async (request) => request.body)
    const url = await listen(host)

    const response = await postSigned(
      `${url}/api/v1/webhooks`,
      hostileBody('wh_h1'),
    )
    const other = await fetch(`${url}/api/other`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    })

    expect(response.status).toBe(200)
    expect(await inbox.has('wh_h1')).toBe(true)
    expect(await other.json()).toEqual({ a: 1 })
  })

  test('fastify reader on another path fails fast', async () => {
    const { receiver: webhooks, inbox } = await receiver()
    const host = Fastify()
    await host.register(
      async (scope) => {
        scope.addContentTypeParser(
          '*',
          { parseAs: 'buffer' },
          (_r, body, done) => done(null, body),
        )
      },
      { prefix: '/api/webhooks' },
    )
    const handler = createNodeWebhookHandler({
      receiver: webhooks,
      path: '/api/v1/webhooks',
    })
    host.post('/api/v1/webhooks', async (request, reply) => {
      reply.hijack()
      await handler(request.raw, reply.raw)
    })
    const url = await listen(host)

    const response = await postSigned(
      `${url}/api/v1/webhooks`,
      hostileBody('wh_h2'),
    )
    const body = (await response.json()) as { code: string; message: string }

    expect(response.status).toBe(500)
    expect(body.code).toBe('WEBHOOK_RAW_BODY_UNAVAILABLE')
    expect(body.message).toContain('/api/v1/webhooks')
    expect(await inbox.has('wh_h2')).toBe(false)
  })

  test('express host with express.json() first fails fast', async () => {
    const { receiver: webhooks, inbox } = await receiver()
    const url = await expressHost(webhooks, { parserFirst: true })

    const response = await postSigned(
      `${url}/api/v1/webhooks`,
      hostileBody('wh_h3'),
    )
    const body = (await response.json()) as { code: string; message: string }

    expect(response.status).toBe(500)
    expect(body.code).toBe('WEBHOOK_RAW_BODY_UNAVAILABLE')
    expect(body.message).toContain('/api/v1/webhooks')
    expect(await inbox.has('wh_h3')).toBe(false)
  })

  test('express host with the handler first', async () => {
    const { receiver: webhooks, inbox } = await receiver()
    const url = await expressHost(webhooks, { parserFirst: false })

    const response = await postSigned(
      `${url}/api/v1/webhooks`,
      hostileBody('wh_h4'),
    )

    expect(response.status).toBe(200)
    expect(await inbox.has('wh_h4')).toBe(true)
  })
})

describe('node webhook handler', () => {
  test('node handler survives aborted body', async () => {
    const { receiver: webhooks, inbox } = await receiver()
    const logs: Parameters<typeof recordingLogger>[0] = []
    const handler = createNodeWebhookHandler({
      receiver: webhooks,
      path: '/webhooks',
      logger: recordingLogger(logs),
    })
    let handled: Promise<void> | undefined
    const server = createServer((request, response) => {
      handled = handler(request, response)
    })
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', resolve)
    })
    cleanups.push(
      () => new Promise<void>((resolve) => server.close(() => resolve())),
    )
    const { port } = server.address() as AddressInfo

    // Sends half of the declared body, then drops the connection.
    const socket = connect(port, '127.0.0.1')
    socket.write(
      'POST /webhooks HTTP/1.1\r\nhost: 127.0.0.1\r\n' +
        'content-type: application/json\r\ncontent-length: 100\r\n\r\n' +
        '{"type":"ContactCreate","webhookId":"wh_abort_1"',
    )
    await waitUntil(() => handled !== undefined)
    socket.destroy()

    await expect(handled).resolves.toBeUndefined()
    expect(logs.map((entry) => entry.message)).toContain(
      'webhook request body not read',
    )
    expect(await inbox.has('wh_abort_1')).toBe(false)
  })
})

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe('webhook route check at startup', () => {
  test('passes for webhookPlugin under a host parser', async () => {
    const { receiver: webhooks, inbox } = await receiver()
    const host = Fastify()
    host.removeContentTypeParser('application/json')
    host.addContentTypeParser(
      'application/json',
      { parseAs: 'string' },
      (_request, text, done) => done(null, JSON.parse(String(text))),
    )
    await host.register(webhookPlugin, {
      receiver: webhooks,
      prefix: '/api/v1',
    })
    const url = await listen(host)

    await checkWebhookRoute({ url: `${url}/api/v1/webhooks` })

    expect(await inbox.recent('loc_A1', 10)).toEqual([])
  })

  test('fails naming the path after express.json()', async () => {
    const { receiver: webhooks } = await receiver()
    const url = await expressHost(webhooks, { parserFirst: true })

    const check = checkWebhookRoute({ url: `${url}/api/v1/webhooks` })

    await expect(check).rejects.toMatchObject({
      code: 'WEBHOOK_ROUTE_CHECK_FAILED',
      message: expect.stringContaining(
        'webhook route /api/v1/webhooks: a body',
      ),
    })
  })

  test('fails naming a path with no handler', async () => {
    const { receiver: webhooks } = await receiver()
    const url = await expressHost(webhooks, {})

    const check = checkWebhookRoute({ url: `${url}/api/webhooks` })

    await expect(check).rejects.toMatchObject({
      code: 'WEBHOOK_ROUTE_CHECK_FAILED',
      message: expect.stringContaining(
        'webhook route /api/webhooks: the route replied 404',
      ),
    })
  })

  test('passes with the express handler first', async () => {
    const { receiver: webhooks } = await receiver()
    const url = await expressHost(webhooks, { parserFirst: false })

    await expect(
      checkWebhookRoute({ url: `${url}/api/v1/webhooks` }),
    ).resolves.toBeUndefined()
  })
})

/**
 * Starts an Express host with the webhook handler at `/api/v1/webhooks`,
 * and `express.json()` before it, after it, or not at all.
 */
async function expressHost(
  webhooks: WebhookReceiver,
  options: { parserFirst?: boolean },
): Promise<string> {
  const app = express()
  if (options.parserFirst === true) {
    app.use(express.json())
  }
  app.post(
    '/api/v1/webhooks',
    createNodeWebhookHandler({ receiver: webhooks, path: '/api/v1/webhooks' }),
  )
  if (options.parserFirst === false) {
    app.use(express.json())
  }
  return listenExpress(app)
}

async function listenExpress(app: express.Express): Promise<string> {
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  cleanups.push(
    () => new Promise<void>((resolve) => server.close(() => resolve())),
  )
  const { port } = server.address() as AddressInfo
  return `http://127.0.0.1:${port}`
}

import { once } from 'node:events'
import { connect } from 'node:net'
import { tempSqliteUrl } from '@hoopkit/testing'
import Fastify from 'fastify'
import { describe, expect, test } from 'vitest'
import { openDatabase } from '../../src/db/database.js'
import { endKeepAliveOnClose } from '../../src/http/end-keep-alive-on-close.js'
import { webhookPlugin } from '../../src/webhooks/fastify-webhook-plugin.js'
import { WebhookInbox } from '../../src/webhooks/webhook-inbox.js'
import { WebhookReceiver } from '../../src/webhooks/webhook-receiver.js'
import { WebhookVerifier } from '../../src/webhooks/webhook-verifier.js'
import {
  eventBody,
  gate,
  testKeys,
  waitFor,
} from '../webhooks/webhook-harness.js'

describe('keep-alive at close', () => {
  test('reply in flight at close ends its connection', async () => {
    const server = Fastify()
    endKeepAliveOnClose(server)
    const requestGate = gate()
    let entered = false
    server.get('/slow', async () => {
      entered = true
      await requestGate.opened
      return { done: true }
    })
    // Runs after the hook above, so the reply leaves once close has begun.
    server.addHook('preClose', async () => requestGate.open())
    const url = await server.listen({ host: '127.0.0.1', port: 0 })

    const reply = fetch(`${url}/slow`)
    await waitFor(() => entered)
    const closed = server.close()
    const response = await reply
    await closed

    expect(response.status).toBe(200)
    expect(response.headers.get('connection')).toBe('close')
    expect(await response.json()).toEqual({ done: true })
  })

  test('replies before close keep their connection', async () => {
    const server = Fastify()
    endKeepAliveOnClose(server)
    server.get('/fast', async () => ({ done: true }))
    const url = await server.listen({ host: '127.0.0.1', port: 0 })

    const response = await fetch(`${url}/fast`)
    await response.arrayBuffer()
    await server.close()

    expect(response.headers.get('connection')).toBe('keep-alive')
  })

  test('connection with no request ends at close', async () => {
    const server = Fastify()
    endKeepAliveOnClose(server)
    server.get('/fast', async () => ({ done: true }))
    await server.listen({ host: '127.0.0.1', port: 0 })
    const { port } = server.server.address() as { port: number }

    // A browser opens spare connections like this one ahead of requests.
    const spare = connect(port, '127.0.0.1')
    await once(spare, 'connect')
    await new Promise((resolve) => setImmediate(resolve))
    const ended = once(spare, 'close')
    await server.close()
    await ended

    expect(spare.destroyed).toBe(true)
  })

  test('webhook in flight at close ends its connection', async () => {
    const keys = testKeys()
    const database = await openDatabase({ url: tempSqliteUrl() })
    const inbox = new WebhookInbox(database.db)
    const requestGate = gate()
    let entered = false
    const receiver = new WebhookReceiver({
      verifier: new WebhookVerifier({ publicKeys: [keys.publicKey] }),
      inbox,
      beforeAcknowledge: async () => {
        entered = true
        await requestGate.opened
      },
    })
    const server = Fastify()
    await server.register(webhookPlugin, { receiver })
    // Fastify runs the preClose hooks of child plugins in the order they
    // were registered, so this one runs after the webhook plugin's.
    await server.register(async (child) => {
      child.addHook('preClose', async () => requestGate.open())
    })
    const url = await server.listen({ host: '127.0.0.1', port: 0 })
    const body = eventBody({
      type: 'UNINSTALL',
      appId: 'app_CLOSE1',
      locationId: 'loc_CLOSE1',
      webhookId: 'wh_close_1',
    })

    const reply = fetch(`${url}/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ghl-signature': keys.signEd25519(body),
      },
      body,
    })
    await waitFor(() => entered)
    const closed = server.close()
    const response = await reply
    await closed
    const stored = await inbox.has('wh_close_1')
    await database.close()

    expect(response.status).toBe(200)
    expect(response.headers.get('connection')).toBe('close')
    expect(stored).toBe(true)
  })
})

import { sql } from 'kysely'
import { afterEach, describe, expect, test } from 'vitest'
import {
  eventBody,
  startHarness,
  testKeys,
  waitFor,
} from './webhook-harness.js'

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

async function harness() {
  const server = await startHarness({ keys: testKeys() })
  close = server.close
  return server
}

const contact = (webhookId: string) =>
  eventBody({
    type: 'ContactCreate',
    locationId: 'loc_A1',
    id: 'c1',
    webhookId,
  })

describe('webhook durable inbox', () => {
  test('failed inbox write gives 429', async () => {
    const server = await harness()
    let runs = 0
    server.handlers.on('ContactCreate', () => {
      runs += 1
    })
    await sql`create trigger inbox_down before insert on webhook_events
      begin select raise(abort, 'database is down'); end`.execute(
      server.database.db,
    )
    const body = contact('wh_down')

    const failed = await server.postSigned(body)
    await sql`drop trigger inbox_down`.execute(server.database.db)
    const retried = await server.postSigned(body)
    await waitFor(() => runs === 1)

    expect(failed.status).toBe(429)
    expect(retried.status).toBe(200)
    expect(runs).toBe(1)
    expect(
      server.logs.some(
        (entry) => entry.message === 'webhook not stored, replying 429',
      ),
    ).toBe(true)
  })

  test('closed database gives 429', async () => {
    const server = await harness()
    await server.worker.stop()
    await server.database.close()

    const response = await server.postSigned(contact('wh_closed'))

    expect(response.status).toBe(429)
  })

  test('reply comes before a slow handler ends', async () => {
    const server = await harness()
    let release: () => void = () => {}
    const handlerGate = new Promise<void>((resolve) => {
      release = resolve
    })
    let started = false
    let finished = false
    server.handlers.on('ContactCreate', async () => {
      started = true
      await handlerGate
      finished = true
    })

    const response = await server.postSigned(contact('wh_slow'))
    const statusAtReply = response.status
    const finishedAtReply = finished
    await waitFor(() => started)
    release()
    await waitFor(
      async () => (await server.inbox.get('wh_slow'))?.status === 'done',
    )

    expect(statusAtReply).toBe(200)
    expect(finishedAtReply).toBe(false)
    expect(finished).toBe(true)
  })

  test('failing handler retries then goes dead', async () => {
    const server = await harness()
    let runs = 0
    server.handlers.on('ContactCreate', () => {
      runs += 1
      throw new Error('crm unavailable')
    })

    await server.postSigned(contact('wh_dead'))
    await waitFor(
      async () => (await server.inbox.get('wh_dead'))?.status === 'dead',
    )
    const dead = await server.inbox.get('wh_dead')

    expect(runs).toBe(8)
    expect(dead?.attempts).toBe(8)
    expect(dead?.last_error).toBe('crm unavailable')
  })

  test('replay runs a dead event again', async () => {
    const server = await harness()
    let fail = true
    let runs = 0
    server.handlers.on('ContactCreate', () => {
      runs += 1
      if (fail) {
        throw new Error('crm unavailable')
      }
    })
    await server.postSigned(contact('wh_replay'))
    await waitFor(
      async () => (await server.inbox.get('wh_replay'))?.status === 'dead',
    )

    fail = false
    const queued = await server.worker.replay('wh_replay')
    await waitFor(
      async () => (await server.inbox.get('wh_replay'))?.status === 'done',
    )

    expect(queued).toBe(true)
    expect(runs).toBe(9)
  })

  test('unknown types are stored and passed raw', async () => {
    const server = await harness()
    const unknown: {
      type: string
      reason: string
      body: Record<string, unknown>
    }[] = []
    server.handlers.onUnknown((event) => {
      unknown.push(event)
    })
    const body = eventBody({
      type: 'VoiceAiCallEnd',
      callId: 'call_1',
      webhookId: 'wh_u',
    })

    const response = await server.postSigned(body)
    await waitFor(() => unknown.length === 1)

    expect(response.status).toBe(200)
    expect(unknown[0]?.type).toBe('VoiceAiCallEnd')
    expect(unknown[0]?.reason).toBe('unknown_type')
    expect(unknown[0]?.body['callId']).toBe('call_1')
  })

  test('invoice without type is InvoicePaid', async () => {
    const server = await harness()
    const paid: {
      altId?: string | null | undefined
      amountPaid?: number | null | undefined
    }[] = []
    server.handlers.on('InvoicePaid', (invoice) => {
      paid.push(invoice)
    })
    const body = eventBody({
      _id: 'inv_1',
      status: 'paid',
      altId: 'loc_A1',
      altType: 'location',
      invoiceNumber: '1001',
      amountPaid: 120,
      webhookId: 'wh_inv',
    })

    await server.postSigned(body)
    await waitFor(() => paid.length === 1)
    const stored = await server.inbox.get('wh_inv')

    expect(paid[0]?.altId).toBe('loc_A1')
    expect(paid[0]?.amountPaid).toBe(120)
    expect(stored?.type).toBe('InvoicePaid')
    expect(stored?.location_id).toBe('loc_A1')
  })

  test('data wrapper is unwrapped', async () => {
    const server = await harness()
    const contacts: string[] = []
    server.handlers.on('ContactCreate', (event) => {
      contacts.push(event.locationId)
    })
    const body = JSON.stringify({
      data: { type: 'ContactCreate', locationId: 'loc_W1', id: 'c9' },
      timestamp: new Date().toISOString(),
      webhookId: 'wh_wrapped',
    })

    const response = await server.postSigned(body)
    await waitFor(() => contacts.length === 1)

    expect(response.status).toBe(200)
    expect(contacts).toEqual(['loc_W1'])
  })
})

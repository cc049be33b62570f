import { afterEach, describe, expect, test } from 'vitest'
import { startHarness, testKeys, waitFor } from './webhook-harness.js'

// Escaped slash, \u escapes and 10.0: bytes that JSON.stringify never writes.
const body = String.raw`{"type":"ContactCreate","locationId":"loc_TEST01","name":"Zo\u00eb \/ R\u2028","amount":10.0}`

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

async function harness() {
  const keys = testKeys()
  const started = await startHarness({
    keys,
    receiver: { requireTimestamp: false },
  })
  close = started.close
  return { ...started, keys }
}

describe('webhook signature over raw bytes', () => {
  test('body is 93 bytes and re-serialises to 83', () => {
    const reserialised = JSON.stringify(JSON.parse(body))

    expect(Buffer.byteLength(body)).toBe(93)
    expect(Buffer.byteLength(reserialised)).toBe(83)
    expect(reserialised).not.toBe(body)
  })

  test('verifies raw body bytes', async () => {
    const server = await harness()
    const received: Record<string, unknown>[] = []
    server.handlers.on('ContactCreate', (event) => {
      received.push(event)
    })

    const response = await server.postSigned(body)
    await waitFor(() => received.length === 1)

    expect(response.status).toBe(200)
    expect(received[0]?.['name']).toBe('Zoë / R\u2028')
    expect(received[0]?.['amount']).toBe(10)
  })

  test('re-serialised body does not verify', async () => {
    const server = await harness()
    const reserialised = JSON.stringify(JSON.parse(body))

    const response = await server.post(reserialised, {
      'x-ghl-signature': server.keys.signEd25519(body),
    })

    expect(response.status).toBe(401)
  })

  test('any changed byte gives 401', async () => {
    const server = await harness()
    const signature = server.keys.signEd25519(body)
    const bytes = Buffer.from(body)

    const statuses = new Set<number>()
    for (let index = 0; index < bytes.length; index += 1) {
      const changed = Buffer.from(bytes)
      changed[index] = (changed[index] ?? 0) ^ 0x01
      const response = await server.post(changed, {
        'x-ghl-signature': signature,
      })
      statuses.add(response.status)
    }
    const rows = await server.database.db
      .selectFrom('webhook_events')
      .selectAll()
      .execute()

    expect([...statuses]).toEqual([401])
    expect(rows).toEqual([])
  })
})

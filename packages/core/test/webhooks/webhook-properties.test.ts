import { tempSqliteUrl } from '@hoopkit/testing'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Database, openDatabase } from '../../src/db/database.js'
import { WebhookInbox } from '../../src/webhooks/webhook-inbox.js'
import { WebhookReceiver } from '../../src/webhooks/webhook-receiver.js'
import { WebhookVerifier } from '../../src/webhooks/webhook-verifier.js'
import { testKeys } from './webhook-harness.js'

const keys = testKeys()
const now = Date.parse('2026-03-01T12:00:00.000Z')
const fiveMinutes = 5 * 60 * 1000
let database: Database
let receiver: WebhookReceiver

beforeAll(async () => {
  database = await openDatabase({ url: tempSqliteUrl() })
  receiver = new WebhookReceiver({
    verifier: new WebhookVerifier({
      publicKeys: [keys.publicKey],
      rsaPublicKeys: [keys.rsaPublicKey],
      legacyRsa: true,
    }),
    inbox: new WebhookInbox(database.db),
    now: () => now,
  })
})
afterAll(async () => {
  await database.close()
})

async function storedRows(): Promise<number> {
  const rows = await database.db
    .selectFrom('webhook_events')
    .selectAll()
    .execute()
  return rows.length
}

const eventArbitrary = fc.record({
  type: fc.constantFrom('ContactCreate', 'INSTALL', 'UNINSTALL', 'OrderCreate'),
  locationId: fc.string({ minLength: 1, maxLength: 20 }),
  note: fc.string({ unit: 'grapheme', maxLength: 40 }),
  webhookId: fc.uuid(),
})

function signedBody(fields: object, timestampMs = now): Buffer {
  return Buffer.from(
    JSON.stringify({
      ...fields,
      timestamp: new Date(timestampMs).toISOString(),
    }),
  )
}

describe('webhook receiver properties', () => {
  test('any changed byte is rejected', async () => {
    await fc.assert(
      fc.asyncProperty(
        eventArbitrary,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (fields, position, flip) => {
          const body = signedBody(fields)
          const signature = keys.signEd25519(body)
          const changed = Buffer.from(body)
          const index = position % changed.length
          changed[index] = (changed[index] ?? 0) ^ flip

          const reply = await receiver.receive(changed, {
            'x-ghl-signature': signature,
            'x-wh-signature': keys.signRsa(body),
          })

          expect(reply.status).toBe(401)
          expect(await storedRows()).toBe(0)
        },
      ),
      { numRuns: 150 },
    )
  })

  test('any dropped signature header is rejected', async () => {
    await fc.assert(
      fc.asyncProperty(
        eventArbitrary,
        fc.constantFrom('absent', 'N/A', ''),
        async (fields, replacement) => {
          const body = signedBody(fields)
          const headers: Record<string, string> = {}
          if (replacement !== 'absent') {
            headers['x-ghl-signature'] = replacement
            headers['x-wh-signature'] = replacement
          }

          const reply = await receiver.receive(body, headers)

          expect(reply.status).toBe(401)
          expect(await storedRows()).toBe(0)
        },
      ),
      { numRuns: 60 },
    )
  })

  test('any timestamp outside the window is rejected', async () => {
    const outside = fc.oneof(
      fc.integer({ min: fiveMinutes + 1, max: 400 * 24 * 60 * 60 * 1000 }),
      fc.integer({ min: -400 * 24 * 60 * 60 * 1000, max: -fiveMinutes - 1 }),
    )
    await fc.assert(
      fc.asyncProperty(eventArbitrary, outside, async (fields, offset) => {
        const body = signedBody(fields, now + offset)

        const reply = await receiver.receive(body, {
          'x-ghl-signature': keys.signEd25519(body),
        })

        expect(reply.status).toBe(401)
        expect(await storedRows()).toBe(0)
      }),
      { numRuns: 150 },
    )
  })

  test('any timestamp inside the window is stored', async () => {
    await fc.assert(
      fc.asyncProperty(
        eventArbitrary,
        fc.integer({ min: -fiveMinutes, max: fiveMinutes }),
        async (fields, offset) => {
          const body = signedBody(fields, now + offset)
          const before = await storedRows()

          const reply = await receiver.receive(body, {
            'x-ghl-signature': keys.signEd25519(body),
          })

          expect(reply.status).toBe(200)
          expect(await storedRows()).toBe(before + 1)
        },
      ),
      { numRuns: 50 },
    )
  })
})

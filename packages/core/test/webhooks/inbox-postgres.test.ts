import { tempPostgresUrl } from '@hoopkit/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Database, openDatabase } from '../../src/db/database.js'
import { WebhookInbox } from '../../src/webhooks/webhook-inbox.js'

const url = await tempPostgresUrl()
let first: Database
let second: Database

beforeAll(async () => {
  if (url === undefined) {
    return
  }
  first = await openDatabase({ url })
  second = await openDatabase({ url })
})
afterAll(async () => {
  await first?.close()
  await second?.close()
})

const entry = (webhookId: string) => ({
  webhookId,
  type: 'ContactCreate',
  appId: null,
  companyId: null,
  locationId: 'loc_A1',
  body: '{}',
})

describe.skipIf(url === undefined)('WebhookInbox on PostgreSQL', () => {
  test('same id from two connections stores once', async () => {
    const outcomes = await Promise.all([
      new WebhookInbox(first.db).insert(entry('wh_pg_1'), Date.now()),
      new WebhookInbox(second.db).insert(entry('wh_pg_1'), Date.now()),
    ])

    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual([
      'duplicate',
      'stored',
    ])
  })

  test('racing workers claim each event once', async () => {
    const inbox = new WebhookInbox(first.db, 'postgres')
    const now = Date.now()
    for (let i = 0; i < 40; i += 1) {
      await inbox.insert(entry(`wh_race_${i}`), now)
    }

    // Workers that lose a race come back empty and poll again, as the
    // worker does, so a few rounds claim everything.
    const claimed: string[] = []
    for (let round = 0; round < 10; round += 1) {
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          new WebhookInbox(
            index % 2 === 0 ? first.db : second.db,
            'postgres',
          ).claim({
            owner: `worker_${index}`,
            limit: 10,
            leaseMs: 60_000,
            nowMs: now + 1,
          }),
        ),
      )
      claimed.push(...claims.flat().map((event) => event.webhook_id))
    }
    const raced = claimed.filter((id) => id.startsWith('wh_race_'))

    expect(new Set(raced).size).toBe(raced.length)
    expect(raced.length).toBe(40)
  })

  test('expired lease is claimed again', async () => {
    const inbox = new WebhookInbox(first.db, 'postgres')
    const now = Date.now()
    await inbox.insert(entry('wh_lease'), now)
    await first.db
      .updateTable('webhook_events')
      .set({ status: 'done' })
      .where('webhook_id', 'like', 'wh_race_%')
      .execute()
    const taken = await inbox.claim({
      owner: 'a',
      limit: 50,
      leaseMs: 1000,
      nowMs: now + 1,
    })

    const early = await inbox.claim({
      owner: 'b',
      limit: 50,
      leaseMs: 1000,
      nowMs: now + 500,
    })
    const late = await inbox.claim({
      owner: 'b',
      limit: 50,
      leaseMs: 1000,
      nowMs: now + 2000,
    })

    expect(taken.map((event) => event.webhook_id)).toContain('wh_lease')
    expect(early.map((event) => event.webhook_id)).not.toContain('wh_lease')
    expect(late.map((event) => event.webhook_id)).toContain('wh_lease')
    expect(
      late.find((event) => event.webhook_id === 'wh_lease')?.attempts,
    ).toBe(2)
  })
})

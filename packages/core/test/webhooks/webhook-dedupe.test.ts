import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tempSqliteUrl } from '@hoopkit/testing'
import { afterEach, describe, expect, test } from 'vitest'
import { openDatabase } from '../../src/db/database.js'
import { WebhookInbox } from '../../src/webhooks/webhook-inbox.js'
import {
  eventBody,
  startHarness,
  testKeys,
  waitFor,
} from './webhook-harness.js'
import { startWebhookProcess, type WebhookProcess } from './webhook-process.js'

const hour = 60 * 60 * 1000
const keys = testKeys()

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup()
  }
})

function signedPost(url: string, body: string) {
  return fetch(`${url}/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-ghl-signature': keys.signEd25519(body),
    },
    body,
  })
}

function handlerRuns(log: string): string[] {
  try {
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
  } catch {
    return []
  }
}

describe('webhook dedupe by webhookId', () => {
  test('same id three times runs once', async () => {
    const server = await startHarness({ keys })
    cleanups.push(server.close)
    const runs: string[] = []
    server.handlers.on('ContactCreate', (_event, context) => {
      runs.push(context.webhookId)
    })
    const fields = { type: 'ContactCreate', locationId: 'loc_A1', id: 'c1' }
    const timestamp = new Date().toISOString()
    const first = JSON.stringify({ ...fields, timestamp, webhookId: 'wh_9' })
    const second = JSON.stringify({ ...fields, timestamp, webhookId: 'wh_10' })

    const statuses: number[] = []
    for (const body of [first, first, first, second]) {
      statuses.push((await server.postSigned(body)).status)
    }
    await waitFor(() => runs.length === 2)
    await server.worker.drain()

    expect(statuses).toEqual([200, 200, 200, 200])
    expect(runs.sort()).toEqual(['wh_10', 'wh_9'])
  })

  test('concurrent copies run once', async () => {
    const server = await startHarness({ keys })
    cleanups.push(server.close)
    const runs: string[] = []
    server.handlers.on('ContactCreate', (_event, context) => {
      runs.push(context.webhookId)
    })
    const body = eventBody({
      type: 'ContactCreate',
      locationId: 'loc_A1',
      id: 'c1',
      webhookId: 'wh_burst',
    })

    const replies = await Promise.all(
      Array.from({ length: 10 }, () => server.postSigned(body)),
    )
    const outcomes = (await Promise.all(
      replies.map((reply) => reply.json()),
    )) as { status: string }[]
    await waitFor(
      async () => (await server.inbox.get('wh_burst'))?.status === 'done',
    )

    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(200))
    expect(
      outcomes.filter((outcome) => outcome.status === 'stored'),
    ).toHaveLength(1)
    expect(runs).toEqual(['wh_burst'])
  })

  test('two processes on one database', async () => {
    const databaseUrl = tempSqliteUrl()
    const log = join(mkdtempSync(join(tmpdir(), 'hoopkit-wh-')), 'runs.log')
    const processes: WebhookProcess[] = []
    for (let i = 0; i < 2; i += 1) {
      const started = await startWebhookProcess({
        databaseUrl,
        publicKey: keys.publicKey,
        handlerLog: log,
      })
      processes.push(started)
      cleanups.push(started.stop)
    }
    const body = eventBody({
      type: 'ContactCreate',
      locationId: 'loc_A1',
      id: 'c1',
      webhookId: 'wh_9',
    })

    const statuses: number[] = []
    for (const target of [processes[0], processes[1], processes[0]]) {
      statuses.push((await signedPost(target?.url ?? '', body)).status)
    }
    const database = await openDatabase({ url: databaseUrl })
    cleanups.push(() => database.close())
    const inbox = new WebhookInbox(database.db)
    await waitFor(async () => (await inbox.get('wh_9'))?.status === 'done')

    expect(statuses).toEqual([200, 200, 200])
    expect(handlerRuns(log)).toEqual(['wh_9'])
  })

  test('duplicate after a restart', async () => {
    const databaseUrl = tempSqliteUrl()
    const body = eventBody({
      type: 'ContactCreate',
      locationId: 'loc_A1',
      id: 'c1',
      webhookId: 'wh_9',
    })
    const before = await startHarness({ keys, databaseUrl })
    let runs = 0
    before.handlers.on('ContactCreate', () => {
      runs += 1
    })
    await before.postSigned(body)
    await waitFor(() => runs === 1)
    await before.close()

    const after = await startHarness({ keys, databaseUrl })
    cleanups.push(after.close)
    after.handlers.on('ContactCreate', () => {
      runs += 1
    })
    const response = await after.postSigned(body)
    await after.worker.drain()

    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'duplicate' })
    expect(runs).toBe(1)
  })

  test('ids are kept at least 72 hours', async () => {
    const database = await openDatabase({ url: tempSqliteUrl() })
    cleanups.push(() => database.close())
    const inbox = new WebhookInbox(database.db)
    const now = Date.now()
    const entry = {
      type: 'ContactCreate',
      appId: null,
      companyId: null,
      locationId: null,
      body: '{}',
    }
    await inbox.insert({ ...entry, webhookId: 'wh_71h' }, now - 71 * hour)
    await inbox.insert({ ...entry, webhookId: 'wh_73h' }, now - 73 * hour)
    await database.db
      .updateTable('webhook_events')
      .set({ status: 'done' })
      .execute()

    const purged = await inbox.purgeExpired(now, 1 * hour)

    expect(purged).toBe(1)
    expect(await inbox.has('wh_71h')).toBe(true)
    expect(await inbox.has('wh_73h')).toBe(false)
  })
})

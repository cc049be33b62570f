import { sql } from 'kysely'
import { afterEach, describe, expect, test } from 'vitest'
import type { WorkerOptionsForTest } from './webhook-harness.js'
import {
  eventBody,
  gate,
  startHarness,
  testKeys,
  waitFor,
} from './webhook-harness.js'

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

async function harness(workerOptions: WorkerOptionsForTest = {}) {
  const server = await startHarness({ keys: testKeys(), workerOptions })
  close = server.close
  await sql`create table effects (webhook_id text not null)`.execute(
    server.database.db,
  )
  return server
}

const contact = (webhookId: string) =>
  eventBody({
    type: 'ContactCreate',
    locationId: 'loc_A1',
    id: 'c1',
    webhookId,
  })

type Harness = Awaited<ReturnType<typeof harness>>

async function effectsOf(server: Harness, webhookId: string) {
  const result = await sql<{ webhook_id: string }>`
    select webhook_id from effects where webhook_id = ${webhookId}`.execute(
    server.database.db,
  )
  return result.rows.length
}

describe('webhook handler writes', () => {
  test('queued writes commit with the mark', async () => {
    const server = await harness()
    server.handlers.on('ContactCreate', (_contact, context) => {
      context.write(async (transaction) => {
        await sql`insert into effects values (${context.webhookId})`.execute(
          transaction,
        )
      })
    })

    const response = await server.postSigned(contact('wh_write'))
    await waitFor(
      async () => (await server.inbox.get('wh_write'))?.status === 'done',
    )

    expect(response.status).toBe(200)
    expect(await effectsOf(server, 'wh_write')).toBe(1)
  })

  test('typed write from the guide commits once', async () => {
    const server = await harness()
    await sql`create table welcomes (contact_id text, summary text)`.execute(
      server.database.db,
    )
    // The handler of docs/webhooks.md, so that the guide's code compiles.
    server.handlers.on('ContactCreate', async (contact, { write }) => {
      const contactId = contact.id
      if (!contactId) {
        return
      }
      const summary = await Promise.resolve(`welcome ${contactId}`)
      write(async (transaction) => {
        await transaction
          .withTables<{ welcomes: { contact_id: string; summary: string } }>()
          .insertInto('welcomes')
          .values({ contact_id: contactId, summary })
          .execute()
      })
    })

    const first = await server.postSigned(contact('wh_guide'))
    const again = await server.postSigned(contact('wh_guide'))
    await waitFor(
      async () => (await server.inbox.get('wh_guide'))?.status === 'done',
    )
    const rows = await sql<{ contact_id: string; summary: string }>`
      select contact_id, summary from welcomes`.execute(server.database.db)

    expect(first.status).toBe(200)
    expect(again.status).toBe(200)
    expect(rows.rows).toEqual([{ contact_id: 'c1', summary: 'welcome c1' }])
  })

  test('failing write rolls back and retries', async () => {
    const server = await harness()
    let attempts = 0
    server.handlers.on('ContactCreate', (_contact, context) => {
      attempts += 1
      const attempt = attempts
      context.write(async (transaction) => {
        await sql`insert into effects values (${context.webhookId})`.execute(
          transaction,
        )
        if (attempt === 1) {
          throw new Error('constraint failed after the first insert')
        }
      })
    })

    await server.postSigned(contact('wh_rollback'))
    await waitFor(
      async () => (await server.inbox.get('wh_rollback'))?.status === 'done',
    )
    const event = await server.inbox.get('wh_rollback')

    expect(attempts).toBe(2)
    expect(event?.attempts).toBe(2)
    expect(await effectsOf(server, 'wh_rollback')).toBe(1)
  })

  test('writes dropped after the lease moved', async () => {
    const server = await harness()
    const handlerGate = gate()
    let started = false
    server.handlers.on('ContactCreate', async (_contact, context) => {
      started = true
      await handlerGate.opened
      context.write(async (transaction) => {
        await sql`insert into effects values (${context.webhookId})`.execute(
          transaction,
        )
      })
    })

    await server.postSigned(contact('wh_stolen'))
    await waitFor(() => started)
    await server.database.db
      .updateTable('webhook_events')
      .set({ lease_owner: 'worker-other' })
      .where('webhook_id', '=', 'wh_stolen')
      .execute()
    handlerGate.open()
    await waitFor(() =>
      server.logs.some((entry) =>
        entry.message.startsWith('webhook lease expired'),
      ),
    )
    const event = await server.inbox.get('wh_stolen')

    expect(await effectsOf(server, 'wh_stolen')).toBe(0)
    expect(event?.status).toBe('processing')
    expect(event?.lease_owner).toBe('worker-other')
  })

  test('stopping worker releases unstarted events', async () => {
    const server = await harness({ batchSize: 1 })
    const handlerGate = gate()
    const started: string[] = []
    server.handlers.on('ContactCreate', async (_contact, context) => {
      started.push(context.webhookId)
      await handlerGate.opened
    })

    for (const id of ['wh_first', 'wh_second', 'wh_third']) {
      await server.postSigned(contact(id))
    }
    await waitFor(() => started.length === 1)
    const stopped = server.worker.stop()
    handlerGate.open()
    await stopped
    const second = await server.inbox.get('wh_second')
    const third = await server.inbox.get('wh_third')

    expect(started).toEqual(['wh_first'])
    expect((await server.inbox.get('wh_first'))?.status).toBe('done')
    expect(second).toMatchObject({ status: 'pending', attempts: 0 })
    expect(third).toMatchObject({ status: 'pending', lease_owner: null })
  })
})

import { tempPostgresUrl, tempSqliteUrl } from '@hoopkit/testing'
import { afterEach, describe, expect, test } from 'vitest'
import { type Database, openDatabase } from '../../src/db/database.js'
import { ActionExecutionStore } from '../../src/workflows/action-execution-store.js'
import { TriggerSubscriptionStore } from '../../src/workflows/trigger-subscription-store.js'

const extras = { locationId: 'loc_A1', contactId: 'ct_1', workflowId: 'wf_1' }
const postgresUrl = await tempPostgresUrl()

const databases: Database[] = []
afterEach(async () => {
  while (databases.length > 0) {
    await databases.pop()?.close()
  }
})

async function open(kind: string): Promise<Database> {
  const url = kind === 'postgres' ? postgresUrl : tempSqliteUrl()
  if (!url) {
    throw new Error('postgres: no server at TEST_POSTGRES_URL')
  }
  const database = await openDatabase({ url })
  databases.push(database)
  await database.db.deleteFrom('action_executions').execute()
  await database.db.deleteFrom('trigger_subscriptions').execute()
  return database
}

const kinds = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite']

describe.each(kinds)('ActionExecutionStore on %s', (kind) => {
  const claim = (
    store: ActionExecutionStore,
    executionId: string,
    now: number,
  ) =>
    store.claim({
      executionKey: 'key_1',
      executionId,
      actionKey: 'send_note',
      extras,
      status: 'running',
      now,
      windowMs: 1000,
    })

  test('second claim gets first execution', async () => {
    const store = new ActionExecutionStore((await open(kind)).db)

    const results = await Promise.all([
      claim(store, 'ex_1', 100),
      claim(store, 'ex_2', 100),
    ])

    const ids = results.map((result) => result.execution.execution_id)
    expect(results.filter((result) => result.claimed)).toHaveLength(1)
    expect(new Set(ids).size).toBe(1)
  })

  test('finished execution past window is replaced', async () => {
    const store = new ActionExecutionStore((await open(kind)).db)
    await claim(store, 'ex_1', 100)
    await store.finish(
      'ex_1',
      { status: 'succeeded', replyStatus: 200, reply: {} },
      150,
    )

    const within = await claim(store, 'ex_2', 900)
    const after = await claim(store, 'ex_3', 1200)

    expect(within.claimed).toBe(false)
    expect(after.claimed).toBe(true)
    expect((await store.byKey('key_1'))?.execution_id).toBe('ex_3')
  })

  test('paused execution moves once', async () => {
    const store = new ActionExecutionStore((await open(kind)).db)
    await store.claim({
      executionKey: 'key_2',
      executionId: 'ex_9',
      actionKey: 'send_note',
      extras,
      status: 'paused',
      now: 1,
      windowMs: 1000,
      reply: { status: 200, body: {} },
    })

    const moves = await Promise.all([
      store.transition('ex_9', 'paused', 'resuming', 2),
      store.transition('ex_9', 'paused', 'resuming', 2),
    ])

    expect(moves.filter(Boolean)).toHaveLength(1)
    expect((await store.byId('ex_9'))?.reply_json).toBe('{}')
  })
})

describe.each(kinds)('TriggerSubscriptionStore on %s', (kind) => {
  const subscription = {
    locationId: 'loc_A1',
    workflowId: 'wf_1',
    triggerId: 'trg_1',
    triggerKey: 'contact_tagged',
    companyId: 'cmp_T1',
    targetUrl:
      'https://api.example.test/workflows-marketplace/triggers/execute/a/b',
    filters: [{ field: 'tags', operator: '==', value: 'vip' }],
  }

  test('upsert replaces target and filters', async () => {
    const store = new TriggerSubscriptionStore((await open(kind)).db)

    await store.upsert(subscription, 1)
    await store.upsert(
      { ...subscription, targetUrl: `${subscription.targetUrl}2`, filters: [] },
      2,
    )

    expect(await store.forTrigger('loc_A1', 'contact_tagged')).toEqual([
      { ...subscription, targetUrl: `${subscription.targetUrl}2`, filters: [] },
    ])
  })

  test('company uninstall drops its subscriptions', async () => {
    const store = new TriggerSubscriptionStore((await open(kind)).db)
    await store.upsert(subscription, 1)
    await store.upsert({ ...subscription, locationId: 'loc_B2' }, 1)
    await store.upsert(
      { ...subscription, locationId: 'loc_C3', companyId: 'cmp_Other' },
      1,
    )

    expect(await store.deleteCompany('cmp_T1')).toBe(2)
    expect(await store.forTrigger('loc_C3', 'contact_tagged')).toHaveLength(1)
  })
})

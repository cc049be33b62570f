import { afterEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { defineTrigger } from '../../src/workflows/define-trigger.js'
import {
  actionSecret,
  startRecordingPlatform,
  startTestApp,
} from './workflow-harness.js'

const contactTagged = defineTrigger({
  key: 'contact_tagged',
  name: 'Contact tagged',
  description: 'Starts when the app tags a contact.',
  payload: z.object({ contactId: z.string(), tags: z.array(z.string()) }),
  sample: { contactId: 'ct_1', tags: ['vip'] },
  filters: [{ field: 'tags', title: 'Tag', type: 'string' }],
})

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  while (closers.length > 0) {
    await closers.pop()?.()
  }
})

async function setUp() {
  const platform = await startRecordingPlatform()
  closers.push(platform.close)
  const app = await startTestApp({
    actions: [],
    triggers: [contactTagged],
    platformUrl: platform.url,
  })
  closers.push(app.close)

  const subscribe = async (options: {
    workflowId: string
    eventType: 'CREATED' | 'UPDATED' | 'DELETED'
    targetPath?: string
    filters?: unknown[]
    secret?: string
  }) => {
    const targetUrl = new URL(
      options.targetPath ??
        `/workflows-marketplace/triggers/execute/t1/${options.workflowId}`,
      platform.url,
    )
    const response = await fetch(
      `${app.url}/triggers/contact_tagged/subscription`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hoopkit-action-secret': options.secret ?? actionSecret,
        },
        body: JSON.stringify({
          triggerData: {
            id: 'trg_1',
            key: 'contact_tagged',
            filters: options.filters ?? [],
            eventType: options.eventType,
            targetUrl: targetUrl.toString(),
          },
          meta: { key: 'contact_tagged', version: '2.4' },
          extras: {
            locationId: 'loc_A1',
            workflowId: options.workflowId,
            companyId: 'cmp_T1',
          },
        }),
      },
    )
    const body = (await response.json()) as {
      error: { code: string; fieldErrors: Record<string, string[]> }
    }
    return { status: response.status, body }
  }
  return { platform, app, subscribe }
}

describe('TriggerSubscriptionHandler', () => {
  test('stores, updates and deletes targets', async () => {
    const { app, subscribe } = await setUp()
    const store = app.runtime.subscriptionStore

    expect(
      (await subscribe({ workflowId: 'wf_1', eventType: 'CREATED' })).status,
    ).toBe(200)
    await subscribe({
      workflowId: 'wf_1',
      eventType: 'UPDATED',
      targetPath: '/workflows-marketplace/triggers/execute/t1/new',
    })
    const stored = await store.forTrigger('loc_A1', 'contact_tagged')
    expect(stored).toHaveLength(1)
    expect(stored[0]?.targetUrl).toMatch(/\/execute\/t1\/new$/)
    expect(stored[0]?.companyId).toBe('cmp_T1')

    await subscribe({ workflowId: 'wf_1', eventType: 'DELETED' })
    expect(await store.forTrigger('loc_A1', 'contact_tagged')).toEqual([])
  })

  test('rejects target on another host', async () => {
    const { app, subscribe } = await setUp()

    const reply = await subscribe({
      workflowId: 'wf_1',
      eventType: 'CREATED',
      targetPath: 'http://127.0.0.2:9/collect',
    })

    expect(reply.status).toBe(422)
    expect(reply.body.error.fieldErrors['triggerData.targetUrl']).toBeDefined()
    expect(
      await app.runtime.subscriptionStore.forTrigger(
        'loc_A1',
        'contact_tagged',
      ),
    ).toEqual([])
  })

  test('wrong secret returns 401', async () => {
    const { subscribe } = await setUp()

    const reply = await subscribe({
      workflowId: 'wf_1',
      eventType: 'CREATED',
      secret: 'not-the-secret',
    })

    expect(reply.status).toBe(401)
  })
})

describe('TriggerFirer', () => {
  test('posts to matching subscriptions only', async () => {
    const { app, platform, subscribe } = await setUp()
    await subscribe({
      workflowId: 'wf_vip',
      eventType: 'CREATED',
      filters: [{ field: 'tags', operator: '==', value: 'vip' }],
    })
    await subscribe({
      workflowId: 'wf_lead',
      eventType: 'CREATED',
      filters: [{ field: 'tags', operator: '==', value: 'lead' }],
    })

    const result = await app.runtime.firer.fire('contact_tagged', 'loc_A1', {
      contactId: 'ct_9',
      tags: ['vip', 'new'],
    })

    expect(result.matched).toBe(1)
    expect(result.filtered).toBe(1)
    expect(result.deliveries).toEqual([
      { workflowId: 'wf_vip', outcome: 'delivered', status: 200 },
    ])
    expect(platform.requests).toHaveLength(1)
    expect(platform.requests[0]?.path).toBe(
      '/workflows-marketplace/triggers/execute/t1/wf_vip',
    )
    expect(platform.requests[0]?.authorization).toBe('Bearer token-of-loc_A1')
    expect(platform.requests[0]?.body).toEqual({
      contactId: 'ct_9',
      tags: ['vip', 'new'],
    })
  })

  test('retries server errors', async () => {
    const { app, platform, subscribe } = await setUp()
    await subscribe({ workflowId: 'wf_1', eventType: 'CREATED' })
    platform.respond(
      '/workflows-marketplace/triggers/execute/t1/wf_1',
      502,
      200,
    )

    const result = await app.runtime.firer.fire('contact_tagged', 'loc_A1', {
      contactId: 'ct_9',
      tags: [],
    })

    expect(result.deliveries[0]?.outcome).toBe('delivered')
    expect(platform.requests).toHaveLength(2)
  })

  test('drops subscription whose target is gone', async () => {
    const { app, platform, subscribe } = await setUp()
    await subscribe({ workflowId: 'wf_1', eventType: 'CREATED' })
    platform.respond('/workflows-marketplace/triggers/execute/t1/wf_1', 404)

    const first = await app.runtime.firer.fire('contact_tagged', 'loc_A1', {
      contactId: 'ct_9',
      tags: [],
    })
    const second = await app.runtime.firer.fire('contact_tagged', 'loc_A1', {
      contactId: 'ct_9',
      tags: [],
    })

    expect(first.deliveries).toEqual([
      { workflowId: 'wf_1', outcome: 'dropped', status: 404 },
    ])
    expect(second.matched).toBe(0)
    expect(platform.requests).toHaveLength(1)
  })

  test('uninstall cleanup removes subscriptions', async () => {
    const { app, subscribe } = await setUp()
    await subscribe({ workflowId: 'wf_1', eventType: 'CREATED' })
    await subscribe({ workflowId: 'wf_2', eventType: 'CREATED' })

    expect(await app.runtime.subscriptionStore.deleteLocation('loc_A1')).toBe(2)
    expect(
      await app.runtime.subscriptionStore.forTrigger(
        'loc_A1',
        'contact_tagged',
      ),
    ).toEqual([])
  })

  test('invalid payload throws', async () => {
    const { app } = await setUp()

    await expect(
      app.runtime.firer.fire('contact_tagged', 'loc_A1', { contactId: 1 }),
    ).rejects.toThrow(
      'trigger contact_tagged: payload does not match its schema',
    )
  })
})

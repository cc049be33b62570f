import { defineAction, defineTrigger, field } from '@hoopkit/core'
import { afterEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { seedIds } from '../../src/state/seed-data.js'
import { startWorkflowSetup, waitForRun } from './workflow-test-app.js'

const maya = 'SbxContactHarbor0001'
const greetings: string[] = []
let pausedExecutionId = ''

const greet = defineAction({
  key: 'greet',
  name: 'Greet',
  description: 'Records a greeting.',
  fields: { text: field.string({ title: 'Text', required: true }) },
  responseSample: { greeted: 'Hi Maya' },
  handler: async ({ text }) => {
    greetings.push(text)
    return { greeted: text }
  },
})

const triage = defineAction({
  key: 'triage',
  name: 'Triage',
  description: 'Picks a branch by score.',
  fields: { score: field.numerical({ title: 'Score', required: true }) },
  branches: ['High', 'Low'],
  handler: async ({ score }, context) =>
    context.branch(score >= 50 ? 'High' : 'Low'),
})

const slow = defineAction({
  key: 'slow',
  name: 'Slow',
  description: 'Takes longer than the platform waits.',
  fields: {},
  handler: async (_input, { signal }) => {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 1500)
      signal.addEventListener('abort', () => {
        clearTimeout(timer)
        resolve(undefined)
      })
    })
  },
})

const approval = defineAction({
  key: 'approval',
  name: 'Approval',
  description: 'Waits until someone approves.',
  fields: {},
  pauseExecution: true,
  handler: async (_input, context) => {
    pausedExecutionId = context.executionId
    return context.resumeLater()
  },
})

const tagged = defineTrigger({
  key: 'tagged',
  name: 'Tagged',
  description: 'Starts when the app tags a contact.',
  payload: z.object({ contactId: z.string(), tag: z.string() }),
  sample: { contactId: 'ct_1', tag: 'vip' },
  filters: [{ field: 'tag', title: 'Tag', type: 'string' }],
})

let setup: Awaited<ReturnType<typeof startWorkflowSetup>>

afterEach(async () => {
  await setup?.close()
  greetings.length = 0
})

async function start() {
  setup = await startWorkflowSetup({
    actions: [greet, triage, slow, approval],
    triggers: [tagged],
  })
  return setup
}

function step(
  appId: string,
  actionKey: string,
  fields: Record<string, unknown> = {},
) {
  return { appId, actionKey, fields }
}

describe('WorkflowRunner', () => {
  test('resolves merge fields into data', async () => {
    const { api, appId } = await start()
    const saved = await api('POST', '/sandbox/api/workflows', {
      name: 'Greet',
      locationId: seedIds.harbor,
      steps: [
        step(appId, 'greet', {
          text: 'Hi {{contact.first_name}} <{{contact.email}}>',
        }),
        step(appId, 'greet', { text: 'again: {{steps.STEP.greeted}}' }),
      ],
    })
    const firstStepId = saved.body.steps[0].id
    await api('PUT', `/sandbox/api/workflows/${saved.body.id}`, {
      name: 'Greet',
      locationId: seedIds.harbor,
      steps: [
        step(appId, 'greet', {
          text: 'Hi {{contact.first_name}} <{{contact.email}}>',
        }),
        step(appId, 'greet', {
          text: `again: {{steps.${firstStepId}.greeted}}`,
        }),
      ],
    })

    const run = await api(
      'POST',
      `/sandbox/api/workflows/${saved.body.id}/runs`,
      { contactId: maya },
    )

    expect(run.status).toBe(201)
    expect(run.body.status).toBe('completed')
    expect(greetings[0]).toBe('Hi Maya <maya.chen@example.test>')
    expect(run.body.steps[0].customVariables).toEqual({
      greeted: 'Hi Maya <maya.chen@example.test>',
    })
    expect(run.body.steps[0].calls[0].body.extras).toEqual({
      locationId: seedIds.harbor,
      contactId: maya,
      workflowId: saved.body.id,
    })
    expect(run.body.steps[0].calls[0].headers).toEqual({
      'x-hoopkit-action-secret': '••••••',
    })
  })

  test('follows branch the reply names', async () => {
    const { api, appId } = await start()
    const saved = await api('POST', '/sandbox/api/workflows', {
      name: 'Triage',
      locationId: seedIds.harbor,
      steps: [
        {
          ...step(appId, 'triage', { score: '72' }),
          branches: [
            { name: 'High', steps: [step(appId, 'greet', { text: 'high' })] },
            { name: 'Low', steps: [step(appId, 'greet', { text: 'low' })] },
          ],
        },
      ],
    })

    const run = await api(
      'POST',
      `/sandbox/api/workflows/${saved.body.id}/runs`,
      { contactId: maya },
    )

    expect(run.body.steps[0].branch.name).toBe('High')
    expect(run.body.steps[0].branch.id).toBe(saved.body.steps[0].branches[0].id)
    expect(greetings).toEqual(['high'])
  })

  test('wrong secret fails the step', async () => {
    const { api, appId, configure } = await start()
    await configure({ 'x-hoopkit-action-secret': 'not-the-secret' })
    const saved = await api('POST', '/sandbox/api/workflows', {
      name: 'Greet',
      locationId: seedIds.harbor,
      steps: [step(appId, 'greet', { text: 'hi' })],
    })

    const run = await api(
      'POST',
      `/sandbox/api/workflows/${saved.body.id}/runs`,
      { contactId: maya },
    )

    expect(run.body.status).toBe('failed')
    expect(run.body.steps[0].calls[0].response.status).toBe(401)
    expect(greetings).toEqual([])
  })

  test('platform timeout fails or skips', async () => {
    const { api, appId } = await start()
    await api('PUT', '/sandbox/api/workflow-behaviour', {
      actionTimeoutMs: 300,
    })
    const saved = await api('POST', '/sandbox/api/workflows', {
      name: 'Slow',
      locationId: seedIds.harbor,
      steps: [step(appId, 'slow'), step(appId, 'greet', { text: 'after' })],
    })

    const failed = await api(
      'POST',
      `/sandbox/api/workflows/${saved.body.id}/runs`,
      { contactId: maya },
    )
    await api('PUT', '/sandbox/api/workflow-behaviour', {
      onActionFailure: 'skip',
    })
    const skipped = await api(
      'POST',
      `/sandbox/api/workflows/${saved.body.id}/runs`,
      { contactId: 'SbxContactHarbor0002' },
    )

    expect(failed.body.status).toBe('failed')
    expect(failed.body.steps[0].error).toBe('timed out after 300 ms')
    expect(skipped.body.status).toBe('completed')
    expect(
      skipped.body.steps.map((entry: { outcome: string }) => entry.outcome),
    ).toEqual(['skipped', 'succeeded'])
  })

  test('re-sent call runs once', async () => {
    const { api, appId } = await start()
    await api('PUT', '/sandbox/api/workflow-behaviour', {
      duplicateActionCalls: 'all',
    })
    const saved = await api('POST', '/sandbox/api/workflows', {
      name: 'Greet',
      locationId: seedIds.harbor,
      steps: [step(appId, 'greet', { text: 'once' })],
    })

    const run = await api(
      'POST',
      `/sandbox/api/workflows/${saved.body.id}/runs`,
      { contactId: maya },
    )

    expect(run.body.steps[0].calls).toHaveLength(2)
    expect(run.body.steps[0].calls[1].response).toEqual(
      run.body.steps[0].calls[0].response,
    )
    expect(greetings).toEqual(['once'])
  })

  test('pause waits for resume call', async () => {
    const { api, appId, runtime } = await start()
    const saved = await api('POST', '/sandbox/api/workflows', {
      name: 'Approve',
      locationId: seedIds.harbor,
      steps: [
        step(appId, 'approval'),
        step(appId, 'greet', { text: 'approved' }),
      ],
    })

    const run = await api(
      'POST',
      `/sandbox/api/workflows/${saved.body.id}/runs`,
      { contactId: maya },
    )
    expect(run.body.status).toBe('paused')
    await runtime.executor.idle()
    expect(greetings).toEqual([])

    const resumed = await runtime.resumer.resume(pausedExecutionId)
    const again = await runtime.resumer.resume(pausedExecutionId)
    const completed = await waitForRun(api, saved.body.id, 'completed')

    expect(resumed).toEqual({ ok: true })
    expect(again).toEqual({ ok: false, reason: 'not_paused' })
    expect(
      completed.steps.map((entry: { outcome: string }) => entry.outcome),
    ).toEqual(['resumed', 'succeeded'])
    expect(greetings).toEqual(['approved'])
  })
})

describe('trigger targetUrl', () => {
  test('saved workflow starts from fire', async () => {
    const { api, appId, runtime } = await start()
    const saved = await api('POST', '/sandbox/api/workflows', {
      name: 'On VIP tag',
      locationId: seedIds.harbor,
      trigger: {
        appId,
        key: 'tagged',
        filters: [{ field: 'tag', operator: '==', value: 'vip' }],
      },
      steps: [
        step(appId, 'greet', {
          text: 'tagged {{trigger.tag}} for {{contact.first_name}}',
        }),
      ],
    })
    expect(saved.body.subscriptionCalls[0].response.status).toBe(200)
    const stored = await runtime.subscriptionStore.forTrigger(
      seedIds.harbor,
      'tagged',
    )
    expect(stored).toHaveLength(1)
    expect(stored[0]?.workflowId).toBe(saved.body.id)

    const filtered = await runtime.firer.fire('tagged', seedIds.harbor, {
      contactId: maya,
      tag: 'lead',
    })
    const fired = await runtime.firer.fire('tagged', seedIds.harbor, {
      contactId: maya,
      tag: 'vip',
    })
    const run = await waitForRun(api, saved.body.id, 'completed')

    expect(filtered.matched).toBe(0)
    expect(fired.deliveries).toEqual([
      { workflowId: saved.body.id, outcome: 'delivered', status: 200 },
    ])
    expect(run.triggerPayload).toEqual({ contactId: maya, tag: 'vip' })
    expect(greetings).toEqual(['tagged vip for Maya'])
  })

  test('requires location bearer', async () => {
    const { api, appId, sandbox } = await start()
    await api('POST', '/sandbox/api/workflows', {
      name: 'On tag',
      locationId: seedIds.harbor,
      trigger: { appId, key: 'tagged' },
      steps: [],
    })
    const [subscription] = await setup.runtime.subscriptionStore.forTrigger(
      seedIds.harbor,
      'tagged',
    )

    const response = await fetch(
      subscription?.targetUrl ?? `${sandbox.url}/missing`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ contactId: maya, tag: 'vip' }),
      },
    )

    expect(response.status).toBe(401)
  })

  test('missed deletion drops on 404', async () => {
    const { api, appId, runtime, configure } = await start()
    const saved = await api('POST', '/sandbox/api/workflows', {
      name: 'On tag',
      locationId: seedIds.harbor,
      trigger: { appId, key: 'tagged' },
      steps: [],
    })
    await configure({ 'x-hoopkit-action-secret': 'a-wrong-secret-value' })

    const deleted = await api(
      'DELETE',
      `/sandbox/api/workflows/${saved.body.id}`,
    )
    const stillStored = await runtime.subscriptionStore.forTrigger(
      seedIds.harbor,
      'tagged',
    )
    const fired = await runtime.firer.fire('tagged', seedIds.harbor, {
      contactId: maya,
      tag: 'vip',
    })

    expect(deleted.body.subscriptionCalls.at(-1).response.status).toBe(401)
    expect(stillStored).toHaveLength(1)
    expect(fired.deliveries).toEqual([
      { workflowId: saved.body.id, outcome: 'dropped', status: 404 },
    ])
    expect(
      await runtime.subscriptionStore.forTrigger(seedIds.harbor, 'tagged'),
    ).toEqual([])
  })

  test('deletion removes subscription', async () => {
    const { api, appId, runtime, locationToken } = await start()
    const saved = await api('POST', '/sandbox/api/workflows', {
      name: 'On tag',
      locationId: seedIds.harbor,
      trigger: { appId, key: 'tagged' },
      steps: [],
    })
    const [subscription] = await runtime.subscriptionStore.forTrigger(
      seedIds.harbor,
      'tagged',
    )

    const deleted = await api(
      'DELETE',
      `/sandbox/api/workflows/${saved.body.id}`,
    )
    const afterDelete = await fetch(subscription?.targetUrl ?? '', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${locationToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ contactId: maya, tag: 'vip' }),
    })

    expect(
      deleted.body.subscriptionCalls.at(-1).body.triggerData.eventType,
    ).toBe('DELETED')
    expect(
      await runtime.subscriptionStore.forTrigger(seedIds.harbor, 'tagged'),
    ).toEqual([])
    expect(afterDelete.status).toBe(404)
  })
})

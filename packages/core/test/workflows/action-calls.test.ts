import { afterEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { defineAction } from '../../src/workflows/define-action.js'
import { field } from '../../src/workflows/field.js'
import { createWorkflowRuntime } from '../../src/workflows/workflow-runtime.js'
import {
  actionSecret,
  executionEntries,
  startRecordingPlatform,
  startTestApp,
} from './workflow-harness.js'

const extras = { locationId: 'loc_A1', contactId: 'ct_1', workflowId: 'wf_1' }

function body(key: string, data: Record<string, unknown>) {
  return { data, extras, meta: { key, version: '1.0' } }
}

let sideEffects = 0

const addTag = defineAction({
  key: 'add_tag',
  name: 'Add tag',
  description: 'Adds a tag to the contact.',
  fields: {
    tag: field.string({ title: 'Tag', required: true }),
    weight: field.numerical({ title: 'Weight' }),
    notify: field.toggle({ title: 'Notify' }),
  },
  output: z.object({ tagged: z.string(), weight: z.number().optional() }),
  handler: async ({ tag, weight }) => {
    sideEffects += 1
    return weight === undefined ? { tagged: tag } : { tagged: tag, weight }
  },
})

const scoreLead = defineAction({
  key: 'score_lead',
  name: 'Score lead',
  description: 'Sends the contact down the hot, warm or cold branch.',
  fields: { score: field.numerical({ title: 'Score', required: true }) },
  branches: ['Hot', 'Warm', 'Cold'],
  handler: async ({ score }, context) => {
    if (score >= 80) {
      return context.branch('Hot', { score })
    }
    return context.branch(score >= 50 ? 'Warm' : 'Cold', { score })
  },
})

const badOutput = defineAction({
  key: 'bad_output',
  name: 'Bad output',
  description: 'Returns a result that its schema rejects.',
  fields: {},
  output: z.object({ count: z.number() }),
  handler: async () => ({ count: 'three' }) as unknown as { count: number },
})

const branches = [
  { id: '3f1c0e5a-0000-4000-8000-000000000001', name: 'Hot', fields: {} },
  { id: '3f1c0e5a-0000-4000-8000-000000000002', name: 'Warm', fields: {} },
  { id: '3f1c0e5a-0000-4000-8000-000000000003', name: 'Cold', fields: {} },
]

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  while (closers.length > 0) {
    await closers.pop()?.()
  }
})

async function setUp() {
  sideEffects = 0
  const platform = await startRecordingPlatform()
  closers.push(platform.close)
  const app = await startTestApp({
    actions: [addTag, scoreLead, badOutput],
    platformUrl: platform.url,
  })
  closers.push(app.close)
  return app
}

describe('ActionExecutor', () => {
  test('missing secret returns 401', async () => {
    const app = await setUp()

    const reply = await app.call('add_tag', body('add_tag', { tag: 'vip' }), {})

    expect(reply.status).toBe(401)
    expect(reply.body.error.code).toBe('ACTION_UNAUTHORIZED')
    expect(reply.body.error.message).toContain(
      'x-hoopkit-action-secret is missing',
    )
    expect(sideEffects).toBe(0)
  })

  test('wrong secret returns 401', async () => {
    const app = await setUp()

    const reply = await app.call('add_tag', body('add_tag', { tag: 'vip' }), {
      'x-hoopkit-action-secret': `${actionSecret}x`,
    })

    expect(reply.status).toBe(401)
    expect(reply.text).not.toContain(actionSecret)
    expect(sideEffects).toBe(0)
  })

  test('previous secret works during rotation', async () => {
    const platform = await startRecordingPlatform()
    closers.push(platform.close)
    const previous = 'previous-action-secret-0001'
    const app = await startTestApp({
      actions: [addTag],
      platformUrl: platform.url,
      previousSecrets: [previous],
    })
    closers.push(app.close)
    sideEffects = 0

    const old = await app.call('add_tag', body('add_tag', { tag: 'old' }), {
      'x-hoopkit-action-secret': previous,
    })
    const current = await app.call('add_tag', body('add_tag', { tag: 'new' }))
    const other = await app.call('add_tag', body('add_tag', { tag: 'x' }), {
      'x-hoopkit-action-secret': 'some-other-secret-0001',
    })

    expect(old.status).toBe(200)
    expect(current.status).toBe(200)
    expect(other.status).toBe(401)
    expect(sideEffects).toBe(2)
  })

  test('short secret fails at startup', () => {
    expect(() =>
      createWorkflowRuntime({
        db: {} as never,
        poster: { post: async () => ({ status: 200, body: {} }) },
        actions: [],
        secret: 'short',
        apiUrl: 'http://127.0.0.1:9',
      }),
    ).toThrow('action secret: expected at least 16 characters, got 5')
  })

  test('invalid input lists field errors', async () => {
    const app = await setUp()

    const reply = await app.call(
      'add_tag',
      body('add_tag', { tag: '', weight: 'heavy', notify: 'maybe' }),
    )

    expect(reply.status).toBe(422)
    expect(reply.body.error.code).toBe('ACTION_INPUT_INVALID')
    expect(reply.body.error.fieldErrors.tag).toEqual(['is required'])
    expect(Object.keys(reply.body.error.fieldErrors).sort()).toEqual([
      'notify',
      'tag',
      'weight',
    ])
    expect(sideEffects).toBe(0)
  })

  test('missing extras returns 422', async () => {
    const app = await setUp()

    const reply = await app.call('add_tag', {
      data: { tag: 'vip' },
      meta: { key: 'add_tag', version: '1.0' },
    })

    expect(reply.status).toBe(422)
    expect(reply.body.error.fieldErrors.extras).toBeDefined()
  })

  test('merge field strings are converted', async () => {
    const app = await setUp()

    const reply = await app.call(
      'add_tag',
      body('add_tag', { tag: 'vip', weight: '2.5', notify: 'true' }),
    )

    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({ tagged: 'vip', weight: 2.5 })
  })

  test('repeated delivery runs once', async () => {
    const app = await setUp()
    const request = body('add_tag', { tag: 'vip' })

    const first = await app.call('add_tag', request)
    const reordered = {
      meta: request.meta,
      extras: request.extras,
      data: request.data,
    }
    const again = await Promise.all([
      app.call('add_tag', reordered),
      app.call('add_tag', request),
    ])

    expect(sideEffects).toBe(1)
    expect(first.body).toEqual({ tagged: 'vip' })
    expect(again.map((reply) => reply.status)).toEqual([200, 200])
    expect(again.map((reply) => reply.body)).toEqual([first.body, first.body])
    const outcomes = executionEntries(app.logs).map(
      (entry) => entry.fields['outcome'],
    )
    expect(outcomes).toEqual(['succeeded', 'duplicate', 'duplicate'])
  })

  test('other data is another execution', async () => {
    const app = await setUp()

    await app.call('add_tag', body('add_tag', { tag: 'vip' }))
    await app.call('add_tag', body('add_tag', { tag: 'churn-risk' }))

    expect(sideEffects).toBe(2)
  })

  test('branch name becomes offered id', async () => {
    const app = await setUp()

    const hot = await app.call(
      'score_lead',
      body('score_lead', { score: 91, branches }),
    )
    const cold = await app.call(
      'score_lead',
      body('score_lead', { score: '12', branches }),
    )

    expect(hot.status).toBe(200)
    expect(hot.body).toEqual({ score: 91, branchId: branches[0]?.id })
    expect(cold.body).toEqual({ score: 12, branchId: branches[2]?.id })
  })

  test('branch missing from request fails', async () => {
    const app = await setUp()

    const reply = await app.call(
      'score_lead',
      body('score_lead', { score: 60, branches: [branches[0]] }),
    )

    expect(reply.status).toBe(500)
    expect(reply.body.error.message).toBe(
      'action score_lead: handler chose branch "Warm", expected one of the ' +
        'offered branches: Hot',
    )
  })

  test('output schema mismatch fails', async () => {
    const app = await setUp()

    const reply = await app.call('bad_output', body('bad_output', {}))

    expect(reply.status).toBe(500)
    expect(reply.body.error.code).toBe('ACTION_FAILED')
    expect(reply.body.error.fieldErrors.count).toHaveLength(1)
  })

  test('store failure returns JSON error', async () => {
    const app = await setUp()
    await app.database.close()

    const reply = await app.call('add_tag', body('add_tag', { tag: 'vip' }))
    const failed = app.logs.filter(
      (entry) => entry.message === 'action call failed',
    )

    expect(reply.status).toBe(500)
    expect(reply.body.error.code).toBe('ACTION_FAILED')
    expect(reply.body.error.message).toContain('could not be recorded')
    expect(sideEffects).toBe(0)
    expect(failed).toHaveLength(1)
    expect(failed[0]?.fields).toMatchObject({
      actionKey: 'add_tag',
      locationId: 'loc_A1',
      status: 500,
    })
  })

  test('unknown key returns 404', async () => {
    const app = await setUp()

    const reply = await app.call('send_sms', body('send_sms', {}))

    expect(reply.status).toBe(404)
    expect(reply.body.error.message).toContain(
      'add_tag, score_lead, bad_output',
    )
  })

  test('meta key mismatch returns 422', async () => {
    const app = await setUp()

    const reply = await app.call('add_tag', body('score_lead', { tag: 'vip' }))

    expect(reply.status).toBe(422)
    expect(reply.body.error.fieldErrors['meta.key']).toEqual([
      'must be add_tag',
    ])
  })
})

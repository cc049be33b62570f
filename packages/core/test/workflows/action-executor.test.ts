import { afterEach, describe, expect, test } from 'vitest'
import { defineAction } from '../../src/workflows/define-action.js'
import { field } from '../../src/workflows/field.js'
import {
  executionEntries,
  startRecordingPlatform,
  startTestApp,
} from './workflow-harness.js'

const sendNoteBody = {
  data: { message: 'hi' },
  extras: { locationId: 'loc_A1', contactId: 'ct_1', workflowId: 'wf_1' },
  meta: { key: 'send_note', version: '1.0' },
}

const fields = { message: field.string({ title: 'Message', required: true }) }

type Handler = Parameters<typeof defineAction<typeof fields>>[0]['handler']

function sendNote(handler: Handler, pauseExecution = false) {
  return defineAction({
    key: 'send_note',
    name: 'Send note',
    description: 'Adds a note to the contact.',
    fields,
    pauseExecution,
    handler,
  })
}

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  while (closers.length > 0) {
    await closers.pop()?.()
  }
})

async function setUp(handler: Handler, pauseExecution = false) {
  const platform = await startRecordingPlatform()
  closers.push(platform.close)
  const app = await startTestApp({
    actions: [sendNote(handler, pauseExecution)],
    platformUrl: platform.url,
    deadlineMs: 150,
  })
  closers.push(app.close)
  return { platform, app }
}

function expectOneLogEntry(logs: Parameters<typeof executionEntries>[0]) {
  const entries = executionEntries(logs)
  expect(entries).toHaveLength(1)
  expect(entries[0]?.fields).toMatchObject({
    actionKey: 'send_note',
    locationId: 'loc_A1',
    contactId: 'ct_1',
    workflowId: 'wf_1',
  })
  return entries[0]
}

describe('ActionExecutor', () => {
  test('slow handler gets deadline reply', async () => {
    let aborted = false
    const { app } = await setUp(async (_input, { signal }) => {
      await new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, 45_000)
        signal.addEventListener('abort', () => {
          aborted = true
          clearTimeout(timer)
          reject(signal.reason)
        })
      })
    })

    const reply = await app.call('send_note', sendNoteBody)

    expect(reply.status).toBe(504)
    expect(reply.body.error.code).toBe('ACTION_DEADLINE_EXCEEDED')
    expect(reply.body.error.message).toContain('pauseExecution')
    await app.runtime.executor.idle()
    expect(aborted).toBe(true)
    const entry = expectOneLogEntry(app.logs)
    expect(entry?.fields['outcome']).toBe('timed_out')
    expect(entry?.fields['status']).toBe(504)
  })

  test('pause job resumes exactly once', async () => {
    let finishJob = () => {}
    const jobDone = new Promise<void>((resolve) => {
      finishJob = resolve
    })
    let executionId = ''
    const { app, platform } = await setUp(async (_input, context) => {
      executionId = context.executionId
      await jobDone
      return { noted: true }
    }, true)

    const reply = await app.call('send_note', sendNoteBody)
    expect(reply.status).toBe(200)
    expect(reply.text).toBe('{}')

    const paused = await app.database.db
      .selectFrom('action_executions')
      .selectAll()
      .executeTakeFirstOrThrow()
    expect(paused.status).toBe('paused')
    expect(JSON.parse(paused.extras_json)).toEqual(sendNoteBody.extras)

    finishJob()
    await app.runtime.executor.idle()
    const second = await app.runtime.resumer.resume(executionId)
    const racing = await Promise.all([
      app.runtime.resumer.resume(executionId),
      app.runtime.resumer.resume(executionId),
    ])

    const resumes = platform.requests.filter(
      (request) =>
        request.path === '/workflows-marketplace/actions/resume-action',
    )
    expect(resumes).toHaveLength(1)
    expect(resumes[0]?.body).toEqual({ extras: sendNoteBody.extras })
    expect(resumes[0]?.authorization).toBe('Bearer token-of-loc_A1')
    expect(second).toEqual({ ok: false, reason: 'not_paused' })
    expect(racing).toEqual([
      { ok: false, reason: 'not_paused' },
      { ok: false, reason: 'not_paused' },
    ])
    expect(expectOneLogEntry(app.logs)?.fields['outcome']).toBe('paused')
  })

  test('failed resume can be retried', async () => {
    let executionId = ''
    const { app, platform } = await setUp(async (_input, context) => {
      executionId = context.executionId
      return context.resumeLater()
    }, true)
    platform.respond('/workflows-marketplace/actions/resume-action', 503, 200)

    await app.call('send_note', sendNoteBody)
    await app.runtime.executor.idle()
    expect(platform.requests).toHaveLength(0)

    const first = await app.runtime.resumer.resume(executionId)
    const second = await app.runtime.resumer.resume(executionId)
    const third = await app.runtime.resumer.resume(executionId)

    expect(first).toEqual({ ok: false, reason: 'request_failed', status: 503 })
    expect(second).toEqual({ ok: true })
    expect(third).toEqual({ ok: false, reason: 'not_paused' })
    expect(platform.requests).toHaveLength(2)
  })

  test('throwing handler returns JSON error', async () => {
    const { app } = await setUp(async () => {
      throw new Error('notes service unavailable')
    })

    const reply = await app.call('send_note', sendNoteBody)

    expect(reply.status).toBe(500)
    expect(reply.body).toEqual({
      error: {
        code: 'ACTION_FAILED',
        message: 'action send_note failed: notes service unavailable',
      },
    })
    const entry = expectOneLogEntry(app.logs)
    expect(entry?.level).toBe('error')
    expect(entry?.fields['outcome']).toBe('failed')
    expect(entry?.fields['err']).toBeInstanceOf(Error)
  })

  test('undefined result returns empty object', async () => {
    const { app } = await setUp(async () => undefined)

    const reply = await app.call('send_note', sendNoteBody)

    expect(reply.status).toBe(200)
    expect(reply.text).toBe('{}')
    const entry = expectOneLogEntry(app.logs)
    expect(entry?.fields['outcome']).toBe('succeeded')
    expect(entry?.fields['status']).toBe(200)
  })
})

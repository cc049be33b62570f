import { ActionExecutionStore } from '@hoopkit/core'
import { afterEach, describe, expect, test } from 'vitest'
import declaration from '../hoopkit.app.js'
import {
  consent,
  type OauthTestBackend,
  seedIds,
  startOauthBackend,
} from './oauth-test-backend.js'

const secret = 'integration-action-secret-0001'
const maya = 'SbxContactHarbor0001'
const liam = 'SbxContactHarbor0002'

// biome-ignore lint/suspicious/noExplicitAny: tests read varied JSON.
type Json = any

let backend: OauthTestBackend | undefined
afterEach(async () => {
  await backend?.close()
  backend = undefined
})

async function setUp() {
  backend = await startOauthBackend({
    env: { HOOPKIT_ACTION_SECRET: secret, HOOPKIT_ACTION_DEADLINE_MS: '500' },
  })
  const current = backend
  await fetch(
    await consent(current, {
      userId: seedIds.harborUser,
      target: [seedIds.harbor],
    }),
  )

  const sandbox = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${current.sandbox.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as Json }
  }
  const marketplace = (await (
    await fetch(`${current.url}/workflows/marketplace.json`)
  ).json()) as Json
  const appId = current.app.appId
  const configure = (headers: Record<string, string>) =>
    sandbox('PUT', `/sandbox/api/workflow-apps/${appId}`, {
      ...marketplace,
      headers,
    })
  await configure({ 'x-hoopkit-action-secret': secret })
  await sandbox('PUT', '/sandbox/api/workflow-behaviour', {
    duplicateActionCalls: 'none',
  })

  const save = async (steps: unknown[], trigger?: unknown) =>
    (
      await sandbox('POST', '/sandbox/api/workflows', {
        name: 'Test',
        locationId: seedIds.harbor,
        steps,
        trigger,
      })
    ).body
  const run = async (workflowId: string, contactId: string) =>
    (
      await sandbox('POST', `/sandbox/api/workflows/${workflowId}/runs`, {
        contactId,
      })
    ).body
  const notes = async (contactId: string) => {
    const client = current.services.api.platform.location(seedIds.harbor)
    return (await client.contacts.listNotes(contactId)).notes.map(
      (note) => note.body,
    )
  }
  const workflows = current.services.workflows
  if (!workflows) {
    throw new Error(
      'backend: expected workflow services with HOOPKIT_ACTION_SECRET set',
    )
  }
  return {
    backend: current,
    appId,
    sandbox,
    marketplace,
    configure,
    save,
    run,
    notes,
    workflows,
  }
}

function step(
  appId: string,
  actionKey: string,
  fields: Record<string, unknown>,
) {
  return { appId, actionKey, fields }
}

async function waitForRuns(
  sandbox: Awaited<ReturnType<typeof setUp>>['sandbox'],
  workflowId: string,
  count: number,
): Promise<Json[]> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { body } = await sandbox(
      'GET',
      `/sandbox/api/workflows/${workflowId}`,
    )
    const done = body.runs.filter((entry: Json) => entry.status === 'completed')
    if (done.length >= count) {
      return done
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`workflow ${workflowId}: expected ${count} completed runs`)
}

describe('example workflow actions', () => {
  test('add note and tags', async () => {
    const { appId, save, run, notes, backend: current } = await setUp()
    const workflow = await save([
      step(appId, 'add_note_and_tags', {
        note: 'Called {{contact.first_name}}',
        tags: 'vip, callback',
      }),
    ])

    const result = await run(workflow.id, maya)
    const contact = await current.services.api.platform
      .location(seedIds.harbor)
      .contacts.get(maya)

    expect(result.status).toBe('completed')
    expect(result.steps[0].customVariables.tags).toBe('vip,callback')
    expect(result.steps[0].customVariables.noteId).toEqual(expect.any(String))
    expect(await notes(maya)).toEqual(['Called Maya'])
    expect(contact.contact.tags).toEqual(
      expect.arrayContaining(['new-patient', 'vip', 'callback']),
    )
  })

  test('score lead picks branch', async () => {
    const { appId, save, run } = await setUp()
    const branches = ['Hot', 'Warm', 'Cold'].map((name) => ({
      name,
      steps: [step(appId, 'add_note_and_tags', { note: `${name} lead` })],
    }))
    const scored = async (engagement: string, budget: string) => {
      const workflow = await save([
        { ...step(appId, 'score_lead', { engagement, budget }), branches },
      ])
      return run(workflow.id, maya)
    }

    const hot = await scored('90', 'high')
    const warm = await scored('70', 'medium')
    const cold = await scored('40', 'low')

    expect(hot.steps[0].branch.name).toBe('Hot')
    expect(hot.steps[0].customVariables).toMatchObject({
      score: 94,
      tier: 'Hot',
    })
    expect(warm.steps[0].branch.name).toBe('Warm')
    expect(warm.steps[0].customVariables.score).toBe(62)
    expect(cold.steps[0].branch.name).toBe('Cold')
    expect(cold.steps[1].customVariables.noteId).toEqual(expect.any(String))
  })

  test('find contact by email', async () => {
    const { appId, save, run } = await setUp()
    const workflow = await save([
      step(appId, 'find_contact_by_email', { email: '{{contact.email}}' }),
    ])
    const missing = await save([
      step(appId, 'find_contact_by_email', { email: 'nobody@example.test' }),
    ])

    const found = await run(workflow.id, maya)
    const notFound = await run(missing.id, maya)

    expect(found.steps[0].customVariables).toEqual({
      found: true,
      contactId: maya,
      firstName: 'Maya',
      lastName: 'Chen',
      phone: '+15555550150',
      tags: 'new-patient',
    })
    expect(notFound.steps[0].customVariables.found).toBe(false)
  })
})

describe('workflow action endpoint', () => {
  test('missing or wrong secret returns 401', async () => {
    const { appId, save, run, configure, backend: current } = await setUp()
    const missing = await fetch(`${current.url}/workflows/actions/score_lead`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({}),
    })
    await configure({ 'x-hoopkit-action-secret': 'a-wrong-secret-value' })
    const workflow = await save([
      step(appId, 'add_note_and_tags', { note: 'never' }),
    ])

    const result = await run(workflow.id, maya)

    expect(missing.status).toBe(401)
    expect(((await missing.json()) as Json).error.code).toBe(
      'ACTION_UNAUTHORIZED',
    )
    expect(result.status).toBe('failed')
    expect(result.steps[0].calls[0].response.status).toBe(401)
  })

  test('invalid input returns field errors', async () => {
    const { appId, save, run } = await setUp()
    const workflow = await save([
      step(appId, 'score_lead', { engagement: 'lots', budget: 'huge' }),
    ])

    const result = await run(workflow.id, maya)
    const reply = result.steps[0].calls[0].response

    expect(reply.status).toBe(422)
    expect(reply.body.error.code).toBe('ACTION_INPUT_INVALID')
    expect(Object.keys(reply.body.error.fieldErrors).sort()).toEqual([
      'budget',
      'engagement',
    ])
  })

  test('slow handler hits deadline', async () => {
    const {
      appId,
      save,
      run,
      notes,
      workflows,
      backend: current,
    } = await setUp()
    current.sandbox.context.api.faults.inject({
      path: '/contacts/*/notes',
      method: 'POST',
      kind: 'latency',
      latencyMs: 1500,
      count: 1,
    })
    const workflow = await save([
      step(appId, 'add_note_and_tags', { note: 'slow note' }),
    ])

    const first = await run(workflow.id, maya)
    await workflows.runtime.executor.idle()
    const again = await run(workflow.id, maya)

    expect(first.status).toBe('failed')
    expect(first.steps[0].calls[0].response.status).toBe(504)
    expect(first.steps[0].calls[0].response.body.error.code).toBe(
      'ACTION_DEADLINE_EXCEEDED',
    )
    expect(again.status).toBe('completed')
    expect(again.steps[0].customVariables.noteId).toEqual(expect.any(String))
    expect(await notes(maya)).toEqual(['slow note'])
  })

  test('platform retry gets the late result', async () => {
    const { appId, save, run, notes, sandbox, backend: current } = await setUp()
    await sandbox('PUT', '/sandbox/api/workflow-behaviour', {
      onActionFailure: 'retry',
      actionRetries: 10,
      duplicateActionCalls: 'some',
    })
    current.sandbox.context.api.faults.inject({
      path: '/contacts/*/notes',
      method: 'POST',
      kind: 'latency',
      latencyMs: 1200,
      count: 1,
    })
    const workflow = await save([
      step(appId, 'add_note_and_tags', { note: 'retried note' }),
    ])

    const result = await run(workflow.id, maya)
    const statuses = result.steps[0].calls.map(
      (call: Json) => call.response.status,
    )

    expect(result.status).toBe('completed')
    expect(statuses[0]).toBe(504)
    expect(statuses).toContain(200)
    expect(await notes(maya)).toEqual(['retried note'])
  })

  test('repeated delivery adds one note', async () => {
    const { appId, save, run, notes, sandbox } = await setUp()
    await sandbox('PUT', '/sandbox/api/workflow-behaviour', {
      duplicateActionCalls: 'all',
    })
    const workflow = await save([
      step(appId, 'add_note_and_tags', { note: 'once only' }),
    ])

    const result = await run(workflow.id, liam)

    expect(result.steps[0].calls).toHaveLength(2)
    expect(result.steps[0].calls[1].response).toEqual(
      result.steps[0].calls[0].response,
    )
    expect(await notes(liam)).toEqual(['once only'])
  })
})

describe('resume through the API client', () => {
  test('reaches platform with location token', async () => {
    const { workflows, backend: current } = await setUp()
    const store = new ActionExecutionStore(current.services.database.db)
    await store.claim({
      executionKey: 'key_resume',
      executionId: 'ex_resume',
      actionKey: 'add_note_and_tags',
      extras: {
        locationId: seedIds.harbor,
        contactId: maya,
        workflowId: 'wf_none',
      },
      status: 'paused',
      now: Date.now(),
      windowMs: 60_000,
    })

    const result = await workflows.runtime.resumer.resume('ex_resume')
    const again = await workflows.runtime.resumer.resume('ex_resume')

    // The sandbox has no paused run for these extras, so it returns 404,
    // which shows that the call passed its bearer check.
    expect(result).toEqual({ ok: false, reason: 'request_failed', status: 404 })
    expect(again).toEqual({ ok: false, reason: 'request_failed', status: 404 })
  })
})

describe('example workflow triggers', () => {
  test('hot lead starts saved workflow', async () => {
    const { appId, save, run, notes, sandbox, workflows } = await setUp()
    const onHot = await save(
      [
        step(appId, 'add_note_and_tags', {
          note: 'Hot lead scored {{trigger.score}}',
        }),
      ],
      { appId, key: 'lead_scored_hot' },
    )
    const stored = await workflows.runtime.subscriptionStore.forTrigger(
      seedIds.harbor,
      'lead_scored_hot',
    )
    const scorer = await save([
      {
        ...step(appId, 'score_lead', { engagement: '90', budget: 'high' }),
        branches: [{ name: 'Hot' }, { name: 'Warm' }, { name: 'Cold' }],
      },
    ])

    await run(scorer.id, liam)
    const [started] = await waitForRuns(sandbox, onHot.id, 1)
    await sandbox('DELETE', `/sandbox/api/workflows/${onHot.id}`)
    const afterDelete = await workflows.runtime.subscriptionStore.forTrigger(
      seedIds.harbor,
      'lead_scored_hot',
    )

    expect(onHot.subscriptionCalls[0].response.status).toBe(200)
    expect(stored.map((entry) => entry.workflowId)).toEqual([onHot.id])
    expect(started.triggerPayload).toEqual({
      contactId: liam,
      score: 94,
      tier: 'Hot',
    })
    expect(await notes(liam)).toEqual(['Hot lead scored 94'])
    expect(afterDelete).toEqual([])
  })

  test('tagged contact starts workflow', async () => {
    const {
      appId,
      save,
      notes,
      sandbox,
      workflows,
      backend: current,
    } = await setUp()
    const onVip = await save(
      [
        step(appId, 'add_note_and_tags', {
          note: 'Welcome {{trigger.firstName}}',
        }),
      ],
      {
        appId,
        key: 'contact_created_with_tag',
        filters: [{ field: 'tags', operator: '==', value: 'vip' }],
      },
    )
    const contacts = current.services.api.platform.location(
      seedIds.harbor,
    ).contacts
    const { contact } = await contacts.create({
      firstName: 'Ada',
      email: 'ada@example.test',
      tags: ['vip'],
    })
    const dispatch = (body: Record<string, unknown>, webhookId: string) =>
      current.services.webhooks.handlers.dispatch('ContactCreate', body, {
        webhookId,
        attempt: 1,
        logger: current.services.logger,
        write: () => {
          throw new Error('these handlers write through their own stores')
        },
      })

    await dispatch(
      {
        type: 'ContactCreate',
        locationId: seedIds.harbor,
        id: 'ct_other',
        tags: ['lead'],
      },
      'wh_1',
    )
    await dispatch(
      {
        type: 'ContactCreate',
        locationId: seedIds.harbor,
        id: contact.id,
        firstName: 'Ada',
        email: 'ada@example.test',
        tags: ['vip'],
      },
      'wh_2',
    )
    const [started] = await waitForRuns(sandbox, onVip.id, 1)
    const stored = await workflows.runtime.subscriptionStore.forTrigger(
      seedIds.harbor,
      'contact_created_with_tag',
    )

    expect(stored).toHaveLength(1)
    expect(started.contactId).toBe(contact.id)
    expect(started.triggerPayload).toEqual({
      contactId: contact.id,
      email: 'ada@example.test',
      firstName: 'Ada',
      tags: ['vip'],
    })
    expect(await notes(contact.id)).toEqual(['Welcome Ada'])
  })

  test('uninstall drops trigger subscriptions', async () => {
    const { appId, save, workflows, backend: current } = await setUp()
    await save([], { appId, key: 'lead_scored_hot' })
    const install = await current.services.oauth.installs.get(
      current.services.oauth.appId,
      seedIds.harbor,
    )
    if (!install) {
      throw new Error('install: expected a record for Harbor Dental')
    }

    const before = await workflows.runtime.subscriptionStore.forTrigger(
      seedIds.harbor,
      'lead_scored_hot',
    )
    await current.services.webhooks.lifecycle.cleanup.run(install)
    const after = await workflows.runtime.subscriptionStore.forTrigger(
      seedIds.harbor,
      'lead_scored_hot',
    )

    expect(before).toHaveLength(1)
    expect(after).toEqual([])
  })

  test('sandbox loads actions from backend', async () => {
    const { appId, sandbox, marketplace, backend: current } = await setUp()

    const loaded = await sandbox(
      'POST',
      `/sandbox/api/workflow-apps/${appId}/load`,
      {
        headers: { 'x-hoopkit-action-secret': secret },
      },
    )
    const elsewhere = await sandbox(
      'POST',
      `/sandbox/api/workflow-apps/${appId}/load`,
      {
        url: `${current.sandbox.url}/workflows/marketplace.json`,
        headers: {},
      },
    )
    const form = await fetch(`${current.sandbox.url}/ui/workflow-apps/load`, {
      method: 'POST',
      body: new URLSearchParams({
        appId,
        headerName: 'x-hoopkit-action-secret',
        headerValue: secret,
      }),
      redirect: 'manual',
    })
    const page = await (
      await fetch(`${current.sandbox.url}${form.headers.get('location')}`)
    ).text()

    expect(loaded.status).toBe(200)
    expect(loaded.body).toEqual({
      appId,
      actions: marketplace.actions.length,
      triggers: marketplace.triggers.length,
    })
    expect(elsewhere.status).toBe(422)
    expect(elsewhere.body.message[0]).toContain(
      "expected a URL on the app's origin",
    )
    expect(form.status).toBe(303)
    expect(page).toContain(
      `Loaded ${marketplace.actions.length} actions and ${marketplace.triggers.length} triggers.`,
    )
  })

  test('declaration lists served keys', async () => {
    const { marketplace } = await setUp()

    expect(declaration.workflows?.actions.map((entry) => entry.key)).toEqual(
      marketplace.actions.map((entry: Json) => entry.key),
    )
    expect(declaration.workflows?.triggers.map((entry) => entry.key)).toEqual(
      marketplace.triggers.map((entry: Json) => entry.key),
    )
  })
})

import { defineAction, field } from '@hoopkit/core'
import { afterEach, describe, expect, test } from 'vitest'
import { seedIds } from '../../src/state/seed-data.js'
import { startWorkflowSetup } from './workflow-test-app.js'

const scored: number[] = []

const rate = defineAction({
  key: 'rate',
  name: 'Rate lead',
  description: 'Rates the lead by score.',
  fields: {
    score: field.numerical({ title: 'Score', required: true }),
    email: field.string({ title: 'Email' }),
  },
  branches: ['Good', 'Bad'],
  handler: async ({ score, email }, context) => {
    scored.push(score)
    return context.branch(score > 50 ? 'Good' : 'Bad', { email: email ?? '' })
  },
})

let setup: Awaited<ReturnType<typeof startWorkflowSetup>> | undefined

afterEach(async () => {
  await setup?.close()
  setup = undefined
  scored.length = 0
})

function postForm(url: string, fields: Record<string, string>) {
  return fetch(url, {
    method: 'POST',
    body: new URLSearchParams(fields),
    redirect: 'manual',
  })
}

describe('Workflow Builder page', () => {
  test('layout links the builder', async () => {
    setup = await startWorkflowSetup({ actions: [rate] })

    const page = await (await fetch(`${setup.sandbox.url}/`)).text()

    expect(page).toContain('href="/ui/workflows')
  })

  test('form saves and runs workflow', async () => {
    setup = await startWorkflowSetup({ actions: [rate] })
    const { sandbox, appId, api } = setup

    const saved = await postForm(`${sandbox.url}/ui/workflows`, {
      name: 'Rate from form',
      locationId: seedIds.harbor,
      trigger: '',
      action1: `${appId}:rate`,
      fields1: 'score=72\nemail={{contact.email}}',
    })
    const before = await (await fetch(`${sandbox.url}/ui/workflows`)).text()
    const workflowId = /\/ui\/workflows\/(\w+)\/run/.exec(before)?.[1] ?? ''
    const ran = await postForm(
      `${sandbox.url}/ui/workflows/${workflowId}/run`,
      {
        contactId: 'SbxContactHarbor0001',
      },
    )
    const page = await (await fetch(`${sandbox.url}/ui/workflows`)).text()
    const { body } = await api('GET', `/sandbox/api/workflows/${workflowId}`)

    expect(saved.status).toBe(303)
    expect(ran.status).toBe(303)
    expect(before).toContain('Rate lead (rate)')
    expect(scored).toEqual([72])
    expect(
      body.workflow.steps[0].branches.map(
        (entry: { name: string }) => entry.name,
      ),
    ).toEqual(['Good', 'Bad'])
    expect(body.runs[0].steps[0].branch.name).toBe('Good')
    expect(page).toContain('Rate from form')
    expect(page).toContain('branch <em>Good</em>')
    expect(page).toContain('maya.chen@example.test')
    expect(page).toContain('Custom variables')
  })

  test('delete form removes workflow', async () => {
    setup = await startWorkflowSetup({ actions: [rate] })
    const { sandbox, appId, api } = setup
    const saved = await api('POST', '/sandbox/api/workflows', {
      name: 'Doomed',
      locationId: seedIds.harbor,
      steps: [{ appId, actionKey: 'rate', fields: { score: '1' } }],
    })

    const deleted = await postForm(
      `${sandbox.url}/ui/workflows/${saved.body.id}/delete`,
      {},
    )
    const after = await api('GET', `/sandbox/api/workflows/${saved.body.id}`)

    expect(deleted.status).toBe(303)
    expect(after.status).toBe(404)
  })
})

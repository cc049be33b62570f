import { afterEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { defineAction } from '../../src/workflows/define-action.js'
import { defineTrigger } from '../../src/workflows/define-trigger.js'
import { field } from '../../src/workflows/field.js'
import {
  actionSecret,
  startRecordingPlatform,
  startTestApp,
} from './workflow-harness.js'

const requestBody = {
  data: { pipeline: 'p1' },
  extras: { locationId: 'loc_A1', workflowId: 'wf_1' },
  meta: { key: 'create_deal', version: '1.0' },
}

const optionQueries: Record<string, string>[] = []

const createDeal = defineAction({
  key: 'create_deal',
  name: 'Create deal',
  description: 'Creates a deal in a pipeline.',
  fields: {
    pipeline: field.select({
      title: 'Pipeline',
      required: true,
      options: {
        load: async (query) => {
          optionQueries.push(query)
          return [{ label: 'Sales', value: 'p1' }]
        },
      },
    }),
    deal: field.dynamic({ title: 'Deal' }),
  },
  dynamicFields: async (request) => [
    {
      section: `Deal in ${request.data['pipeline']}`,
      fields: [
        {
          field: 'amount',
          title: 'Amount',
          fieldType: 'numeric',
          required: true,
        },
      ],
    },
  ],
  handler: async () => undefined,
})

const dealWon = defineTrigger({
  key: 'deal_won',
  name: 'Deal won',
  description: 'Starts when a deal is won.',
  payload: z.object({ dealId: z.string(), stage: z.string() }),
  sample: { dealId: 'd1', stage: 'won' },
  dynamicFilters: async (request) => [
    {
      field: 'stage',
      title: `Stage of ${request.extras.locationId}`,
      type: 'select',
      options: [{ label: 'Won', value: 'won' }],
    },
  ],
})

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  while (closers.length > 0) {
    await closers.pop()?.()
  }
  optionQueries.length = 0
})

async function setUp() {
  const platform = await startRecordingPlatform()
  closers.push(platform.close)
  const app = await startTestApp({
    actions: [createDeal],
    triggers: [dealWon],
    platformUrl: platform.url,
  })
  closers.push(app.close)

  const request = async (
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; secret?: string } = {},
  ) => {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: {
        'x-hoopkit-action-secret': options.secret ?? actionSecret,
        ...(options.body === undefined
          ? {}
          : { 'content-type': 'application/json' }),
      },
      body:
        options.body === undefined ? undefined : JSON.stringify(options.body),
    })
    // biome-ignore lint/suspicious/noExplicitAny: tests read varied JSON.
    return { status: response.status, body: (await response.json()) as any }
  }
  return { request }
}

describe('workflowPlugin', () => {
  test('dynamic fields return inputs', async () => {
    const { request } = await setUp()

    const reply = await request('POST', '/actions/create_deal/dynamic-fields', {
      body: requestBody,
    })

    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({
      inputs: [
        {
          section: 'Deal in p1',
          fields: [
            {
              field: 'amount',
              title: 'Amount',
              fieldType: 'numerical',
              required: true,
            },
          ],
        },
      ],
    })
  })

  test('options endpoint returns options', async () => {
    const { request } = await setUp()

    const reply = await request(
      'GET',
      '/actions/create_deal/options/pipeline?locationId=loc_A1',
    )

    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({ options: [{ label: 'Sales', value: 'p1' }] })
    expect(optionQueries).toEqual([{ locationId: 'loc_A1' }])
  })

  test('dynamic filters return filters', async () => {
    const { request } = await setUp()

    const reply = await request('POST', '/triggers/deal_won/dynamic-filters', {
      body: { ...requestBody, meta: { key: 'deal_won', version: '1.0' } },
    })

    expect(reply.status).toBe(200)
    expect(reply.body.filters).toEqual([
      {
        field: 'stage',
        title: 'Stage of loc_A1',
        type: 'select',
        options: [{ label: 'Won', value: 'won' }],
      },
    ])
  })

  test('wrong secret returns 401', async () => {
    const { request } = await setUp()

    const fields = await request(
      'POST',
      '/actions/create_deal/dynamic-fields',
      {
        body: requestBody,
        secret: 'not-the-secret',
      },
    )
    const options = await request(
      'GET',
      '/actions/create_deal/options/pipeline',
      {
        secret: 'not-the-secret',
      },
    )

    expect(fields.status).toBe(401)
    expect(options.status).toBe(401)
    expect(optionQueries).toEqual([])
  })

  test('unknown list returns 404', async () => {
    const { request } = await setUp()

    const options = await request('GET', '/actions/create_deal/options/deal')
    const filters = await request('POST', '/triggers/nope/dynamic-filters', {
      body: requestBody,
    })

    expect(options.status).toBe(404)
    expect(filters.status).toBe(404)
    expect(filters.body.error.message).toBe(
      'workflow call: no dynamic filters of trigger "nope" is defined',
    )
  })

  test('invalid body returns 422', async () => {
    const { request } = await setUp()

    const reply = await request('POST', '/actions/create_deal/dynamic-fields', {
      body: { data: {} },
    })

    expect(reply.status).toBe(422)
    expect(Object.keys(reply.body.error.fieldErrors).sort()).toEqual([
      'extras',
      'meta',
    ])
  })
})

import { describe, expect, expectTypeOf, test } from 'vitest'
import { z } from 'zod'
import type { ActionInput } from '../../src/workflows/define-action.js'
import { defineAction } from '../../src/workflows/define-action.js'
import { defineTrigger } from '../../src/workflows/define-trigger.js'
import { dynamicFieldsReply } from '../../src/workflows/dynamic-section.js'
import { field } from '../../src/workflows/field.js'
import { workflowMarketplaceJson } from '../../src/workflows/marketplace-json.js'

const fields = {
  note: field.textarea({ title: 'Note', required: true }),
  tags: field.multiselect({
    title: 'Tags',
    options: [
      { label: 'VIP', value: 'vip' },
      { label: 'Lead', value: 'lead' },
    ],
  }),
  score: field.numerical({ title: 'Score', defaultValue: 50 }),
  pipeline: field.select({
    title: 'Pipeline',
    required: true,
    options: { load: async () => [{ label: 'Sales', value: 'p1' }] },
  }),
  email: field.string({
    title: 'Email',
    validation: { pattern: /^[^@\s]+@[^@\s]+$/, message: 'Enter an email' },
  }),
  urgent: field.toggle({ title: 'Urgent', helpText: 'Flags the note.' }),
  files: field.attachment({ title: 'Files' }),
  body: field.richText({ title: 'Body' }),
  source: field.hidden({ title: 'Source', defaultValue: 'hoopkit' }),
  extra: field.dynamic({ title: 'Extra', altersDynamicField: true }),
}

const addNote = defineAction({
  key: 'add_note',
  name: 'Add note',
  description: 'Adds a note to the contact.',
  fields,
  branches: ['Added', 'Skipped'],
  output: z.object({ noteId: z.string() }),
  responseSample: { noteId: 'note_123' },
  dynamicFields: async () => [],
  handler: async (input, context) => {
    expectTypeOf(input.note).toEqualTypeOf<string>()
    expectTypeOf(context.branch)
      .parameter(0)
      .toEqualTypeOf<'Added' | 'Skipped'>()
    return { noteId: `note_${input.note.length}` }
  },
})

const leadScoredHot = defineTrigger({
  key: 'lead_scored_hot',
  name: 'Lead scored hot',
  description: 'Starts when a lead scores 80 or more.',
  payload: z.object({
    contactId: z.string(),
    score: z.number(),
    tags: z.array(z.string()),
  }),
  sample: { contactId: 'ct_123', score: 91, tags: ['vip'] },
  filters: [{ field: 'tags', title: 'Tag', type: 'multiselect' }],
})

describe('defineAction', () => {
  test('fields type the handler input', () => {
    expectTypeOf<ActionInput<typeof fields>>().toEqualTypeOf<{
      note: string
      tags: string[] | undefined
      score: number | undefined
      pipeline: string
      email: string | undefined
      urgent: boolean | undefined
      files: string[] | undefined
      body: string | undefined
      source: string | undefined
      extra: Record<string, unknown> | undefined
    }>()
  })

  test('defaults fill blank values', () => {
    const parsed = addNote.inputSchema.parse({
      note: 'hi',
      pipeline: 'p1',
      score: '',
    })

    expect(parsed.score).toBe(50)
    expect(parsed.source).toBe('hoopkit')
    expect(parsed.tags).toBeUndefined()
  })

  test('constant options reject other values', () => {
    const parsed = addNote.inputSchema.safeParse({
      note: 'hi',
      pipeline: 'p1',
      tags: ['gold'],
    })

    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toBe('must be one of vip, lead')
  })

  test('rejects keys the Marketplace refuses', () => {
    expect(() =>
      defineAction({
        key: 'Add Note',
        name: 'x',
        description: 'x',
        fields: {},
        handler: async () => {},
      }),
    ).toThrow('action key: expected lower-case letters')
  })
})

describe('dynamicFieldsReply', () => {
  test('accepts numeric as numerical', () => {
    const reply = dynamicFieldsReply([
      {
        section: 'Deal',
        fields: [
          {
            field: 'amount',
            title: 'Amount',
            fieldType: 'numeric',
            required: true,
          },
          {
            field: 'stage',
            title: 'Stage',
            fieldType: 'select',
            options: [{ label: 'Won', value: 'won' }],
          },
        ],
      },
    ])

    expect(reply.inputs[0]?.fields.map((entry) => entry.fieldType)).toEqual([
      'numerical',
      'select',
    ])
    expect(reply.inputs[0]?.fields[1]?.required).toBe(false)
  })
})

describe('workflowMarketplaceJson', () => {
  test('documents fields, branches and samples', () => {
    const json = workflowMarketplaceJson({
      actions: [addNote],
      triggers: [leadScoredHot],
      publicUrl: 'https://app.example.test/',
      prefix: '/workflows',
    })

    expect(json).toMatchInlineSnapshot(`
      {
        "actions": [
          {
            "branches": [
              {
                "name": "Added",
              },
              {
                "name": "Skipped",
              },
            ],
            "description": "Adds a note to the contact.",
            "dynamicFieldsUrl": "https://app.example.test/workflows/actions/add_note/dynamic-fields",
            "executionUrl": "https://app.example.test/workflows/actions/add_note",
            "fields": [
              {
                "reference": "note",
                "required": true,
                "title": "Note",
                "type": "Textarea",
              },
              {
                "options": [
                  {
                    "label": "VIP",
                    "value": "vip",
                  },
                  {
                    "label": "Lead",
                    "value": "lead",
                  },
                ],
                "reference": "tags",
                "required": false,
                "title": "Tags",
                "type": "Multiple Select",
              },
              {
                "default": 50,
                "reference": "score",
                "required": false,
                "title": "Score",
                "type": "Numerical",
              },
              {
                "optionsUrl": "https://app.example.test/workflows/actions/add_note/options/pipeline",
                "reference": "pipeline",
                "required": true,
                "title": "Pipeline",
                "type": "Select",
              },
              {
                "reference": "email",
                "required": false,
                "title": "Email",
                "type": "String",
                "validation": {
                  "message": "Enter an email",
                  "pattern": "^[^@\\s]+@[^@\\s]+$",
                },
              },
              {
                "helpText": "Flags the note.",
                "reference": "urgent",
                "required": false,
                "title": "Urgent",
                "type": "Toggle",
              },
              {
                "reference": "files",
                "required": false,
                "title": "Files",
                "type": "Attachment",
              },
              {
                "reference": "body",
                "required": false,
                "title": "Body",
                "type": "Rich Text Editor",
              },
              {
                "default": "hoopkit",
                "reference": "source",
                "required": false,
                "title": "Source",
                "type": "Hidden",
              },
              {
                "altersDynamicField": true,
                "reference": "extra",
                "required": false,
                "title": "Extra",
                "type": "Dynamic",
              },
            ],
            "key": "add_note",
            "method": "POST",
            "name": "Add note",
            "pauseExecution": false,
            "responseSample": {
              "noteId": "note_123",
            },
            "staticHeaders": [
              {
                "name": "x-hoopkit-action-secret",
                "value": "<HOOPKIT_ACTION_SECRET>",
              },
            ],
          },
        ],
        "triggers": [
          {
            "description": "Starts when a lead scores 80 or more.",
            "filters": [
              {
                "field": "tags",
                "title": "Tag",
                "type": "Multiple Select",
              },
            ],
            "key": "lead_scored_hot",
            "name": "Lead scored hot",
            "samplePayload": {
              "contactId": "ct_123",
              "score": 91,
              "tags": [
                "vip",
              ],
            },
            "staticHeaders": [
              {
                "name": "x-hoopkit-action-secret",
                "value": "<HOOPKIT_ACTION_SECRET>",
              },
            ],
            "subscriptionUrl": "https://app.example.test/workflows/triggers/lead_scored_hot/subscription",
          },
        ],
      }
    `)
  })
})

import { defineAction, field } from '@hoopkit/core'
import { z } from 'zod'
import type { WorkflowDeps } from '../workflow-deps.js'
import { requireContact } from './require-contact.js'

/** Splits `vip, new lead` into trimmed tags, dropping empty ones. */
export function parseTags(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0)
}

/** Adds a note and tags to the workflow's contact. */
export function addNoteAndTags(deps: WorkflowDeps) {
  return defineAction({
    key: 'add_note_and_tags',
    name: 'Add note and tags',
    description: 'Adds a note to the contact and tags it.',
    fields: {
      note: field.textarea({ title: 'Note', required: true }),
      tags: field.string({
        title: 'Tags',
        helpText: 'Comma-separated, such as vip, new lead.',
      }),
    },
    output: z.object({ noteId: z.string(), tags: z.string() }),
    responseSample: { noteId: 'n0te1d0000000000001', tags: 'vip,new lead' },
    handler: async (input, { extras }) => {
      const contactId = requireContact('add_note_and_tags', extras)
      const contacts = deps.location(extras.locationId).contacts
      const tags = parseTags(input.tags)

      const { note } = await contacts.createNote(contactId, {
        body: input.note,
      })
      if (tags.length > 0) {
        await contacts.addTags(contactId, tags)
      }
      return { noteId: note.id, tags: tags.join(',') }
    },
  })
}

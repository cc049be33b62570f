import { defineAction, field } from '@hoopkit/core'
import { z } from 'zod'
import type { WorkflowDeps } from '../workflow-deps.js'

const lookupOutput = z.object({
  found: z.boolean(),
  contactId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string(),
  tags: z.string(),
})

/**
 * Looks up a contact of the sub-account by email. Its fields become custom
 * variables, such as `{{find_contact_by_email.firstName}}`, and `found` is
 * false when no contact has that email.
 */
export function findContactByEmail(deps: WorkflowDeps) {
  return defineAction({
    key: 'find_contact_by_email',
    name: 'Find contact by email',
    description: 'Looks up a contact by email and returns its fields.',
    fields: {
      email: field.string({
        title: 'Email',
        required: true,
        validation: {
          pattern: /^[^@\s]+@[^@\s]+$/,
          message: 'Enter an email address',
        },
      }),
    },
    output: lookupOutput,
    responseSample: {
      found: true,
      contactId: 'c0ntact1d0000000001',
      firstName: 'Maya',
      lastName: 'Chen',
      phone: '+15555550150',
      tags: 'new-patient',
    },
    handler: async ({ email }, { extras }) => {
      const expected = email.trim().toLowerCase()
      const page = await deps
        .location(extras.locationId)
        .contacts.search({ query: expected, pageLimit: 20 })
      const contact = page.contacts.find(
        (entry) => entry.email?.toLowerCase() === expected,
      )

      return {
        found: contact !== undefined,
        contactId: contact?.id ?? '',
        firstName: contact?.firstName ?? '',
        lastName: contact?.lastName ?? '',
        phone: contact?.phone ?? '',
        tags: (contact?.tags ?? []).join(','),
      }
    },
  })
}

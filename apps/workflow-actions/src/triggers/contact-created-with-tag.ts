import { defineTrigger } from '@hoopkit/core'
import { z } from 'zod'

export const contactCreatedWithTagKey = 'contact_created_with_tag'

/**
 * Fired when a ContactCreate webhook brings a contact with tags. Workflows
 * filter on `tags` to start only for the tag they care about.
 */
export const contactCreatedWithTag = defineTrigger({
  key: contactCreatedWithTagKey,
  name: 'Contact created with a tag',
  description: 'Starts when a new contact arrives with a tag.',
  payload: z.object({
    contactId: z.string(),
    email: z.string(),
    firstName: z.string(),
    tags: z.array(z.string()),
  }),
  sample: {
    contactId: 'c0ntact1d0000000001',
    email: 'maya.chen@example.test',
    firstName: 'Maya',
    tags: ['new-patient'],
  },
  filters: [{ field: 'tags', title: 'Tag', type: 'string' }],
})

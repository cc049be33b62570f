import { defineTrigger } from '@hoopkit/core'
import { z } from 'zod'

export const leadScoredHotKey = 'lead_scored_hot'

/** Fired by the score-lead action when a lead scores hot. */
export const leadScoredHot = defineTrigger({
  key: leadScoredHotKey,
  name: 'Lead scored hot',
  description: 'Starts when the score-lead action scores a lead 80 or more.',
  payload: z.object({
    contactId: z.string(),
    score: z.number(),
    tier: z.string(),
  }),
  sample: { contactId: 'c0ntact1d0000000001', score: 86, tier: 'Hot' },
})

import { defineAction } from '@hoopkit/core'
import { z } from 'zod'
import type { WorkflowDeps } from '../workflow-deps.js'
import { leadScore, leadScoreFields, leadTier } from './score-lead.js'

/**
 * The paid version of Score lead: it charges the sub-account's wallet one
 * unit per execution before it scores. The charge uses the execution id,
 * so a step the platform sends twice is charged once. Without funds, or
 * on a plan without the action, the step fails with the reason.
 */
export function premiumScoreLead(
  deps: WorkflowDeps & { charge: NonNullable<WorkflowDeps['charge']> },
) {
  return defineAction({
    key: 'premium_score_lead',
    name: 'Score lead (premium)',
    description: 'Scores the lead, billed per execution to the wallet.',
    fields: leadScoreFields,
    output: z.object({
      score: z.number(),
      tier: z.string(),
      chargeId: z.string().nullable(),
    }),
    responseSample: { score: 86, tier: 'Hot', chargeId: 'charge_123' },
    handler: async (input, context) => {
      const chargeId = await deps.charge(context)
      const score = leadScore(input.engagement, input.budget)
      return { score, tier: leadTier(score), chargeId }
    },
  })
}

import { defineAction, field } from '@hoopkit/core'
import { z } from 'zod'
import { leadScoredHotKey } from '../triggers/lead-scored-hot.js'
import type { WorkflowDeps } from '../workflow-deps.js'

export type LeadTier = 'Hot' | 'Warm' | 'Cold'

const budgetPoints: Record<string, number> = { high: 40, medium: 20, low: 0 }

/**
 * Scores a lead from 0 to 100: engagement counts for up to 60 points and
 * the budget for up to 40. Hot is 80 or more, warm 50 or more.
 */
export function leadScore(engagement: number, budget: string): number {
  const engaged = Math.min(Math.max(engagement, 0), 100) * 0.6
  return Math.round(engaged + (budgetPoints[budget] ?? 0))
}

/** The inputs of both score-lead actions. */
export const leadScoreFields = {
  engagement: field.numerical({ title: 'Engagement (0-100)', required: true }),
  budget: field.select({
    title: 'Budget',
    required: true,
    options: [
      { label: 'High', value: 'high' },
      { label: 'Medium', value: 'medium' },
      { label: 'Low', value: 'low' },
    ],
  }),
}

export function leadTier(score: number): LeadTier {
  if (score >= 80) {
    return 'Hot'
  }
  return score >= 50 ? 'Warm' : 'Cold'
}

/**
 * Scores the contact and continues on the Hot, Warm or Cold branch. A hot
 * lead also fires the lead-scored-hot trigger, which can start another
 * workflow.
 */
export function scoreLead(deps: WorkflowDeps) {
  return defineAction({
    key: 'score_lead',
    name: 'Score lead',
    description: 'Scores the lead and branches by hot, warm or cold.',
    fields: leadScoreFields,
    branches: ['Hot', 'Warm', 'Cold'],
    output: z.object({ score: z.number(), tier: z.string() }),
    responseSample: { score: 86, tier: 'Hot' },
    handler: async (input, context) => {
      const score = leadScore(input.engagement, input.budget)
      const tier = leadTier(score)
      const { extras } = context

      if (tier === 'Hot' && extras.contactId) {
        await deps.fire(leadScoredHotKey, extras.locationId, {
          contactId: extras.contactId,
          score,
          tier,
        })
      }
      return context.branch(tier, { score, tier })
    },
  })
}

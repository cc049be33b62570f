import { describe, expect, expectTypeOf, test } from 'vitest'
import { parseTags } from '../src/actions/add-note-and-tags.js'
import { findContactByEmail } from '../src/actions/find-contact-by-email.js'
import { leadScore, leadTier, scoreLead } from '../src/actions/score-lead.js'
import type { WorkflowDeps } from '../src/workflow-deps.js'

const unusedDeps = {} as WorkflowDeps

describe('leadScore', () => {
  test.each([
    [90, 'high', 94, 'Hot'],
    [70, 'medium', 62, 'Warm'],
    [40, 'low', 24, 'Cold'],
    [150, 'high', 100, 'Hot'],
    [-5, 'unknown', 0, 'Cold'],
    [50, 'high', 70, 'Warm'],
    [67, 'high', 80, 'Hot'],
  ])('engagement %d with %s budget', (engagement, budget, score, tier) => {
    expect(leadScore(engagement, budget)).toBe(score)
    expect(leadTier(score)).toBe(tier)
  })
})

describe('parseTags', () => {
  test('splits and trims tags', () => {
    expect(parseTags(' vip, new lead ,,')).toEqual(['vip', 'new lead'])
  })

  test('empty text gives no tags', () => {
    expect(parseTags(undefined)).toEqual([])
    expect(parseTags('')).toEqual([])
  })
})

describe('example action definitions', () => {
  test('score lead offers three branches', () => {
    const action = scoreLead(unusedDeps)

    expect(action.branches).toEqual(['Hot', 'Warm', 'Cold'])
    expectTypeOf(action.handler).parameter(1).toHaveProperty('branch')
  })

  test('lookup rejects an invalid email', () => {
    const action = findContactByEmail(unusedDeps)
    const parsed = action.inputSchema.safeParse({ email: 'not an email' })

    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toBe('Enter an email address')
  })
})

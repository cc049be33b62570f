import { z } from 'zod'

/** One filter of a subscription, as the platform sends it. */
export const triggerFilterSchema = z.looseObject({
  field: z.string().min(1),
  id: z.string().optional(),
  operator: z.string().default('=='),
  title: z.string().optional(),
  type: z.string().optional(),
  value: z.unknown(),
})

export type TriggerFilter = z.output<typeof triggerFilterSchema>

function valueAt(payload: unknown, path: string): unknown {
  let current: unknown = payload
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) {
      return undefined
    }
    current = (current as Record<string, unknown>)[part]
  }
  return current
}

function same(left: unknown, right: unknown): boolean {
  if (Array.isArray(left)) {
    return left.some((item) => same(item, right))
  }
  if (Array.isArray(right)) {
    return right.some((item) => same(left, item))
  }
  return String(left ?? '') === String(right ?? '')
}

function contains(left: unknown, right: unknown): boolean {
  if (Array.isArray(left)) {
    return same(left, right)
  }
  return String(left ?? '').includes(String(right ?? ''))
}

/**
 * Tells whether a payload passes one filter. A list on either side matches when
 * any item matches, so a multi-select filter or a tag list works with `==`.
 * An operator other than `==`, `!=` and `contains` never matches.
 */
export function matchesFilter(payload: unknown, filter: TriggerFilter) {
  const actual = valueAt(payload, filter.field)
  switch (filter.operator) {
    case '==':
      return same(actual, filter.value)
    case '!=':
      return !same(actual, filter.value)
    case 'contains':
      return contains(actual, filter.value)
    default:
      return false
  }
}

/** Tells whether a payload passes every filter of a subscription. */
export function matchesFilters(
  payload: unknown,
  filters: readonly TriggerFilter[],
): boolean {
  return filters.every((filter) => matchesFilter(payload, filter))
}

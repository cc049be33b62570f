import { z } from 'zod'

// Building blocks for response schemas. The platform leaves fields out and
// sends `null` freely, and adds fields over time, so every response field is
// optional and nullable, and every object keeps the fields it does not list.

export const text = z.string().nullish()
export const number = z.number().nullish()
export const flag = z.boolean().nullish()
export const texts = z.array(z.string()).nullish()

export function looseList<T extends z.ZodType>(item: T) {
  return z.array(item).nullish()
}

/** One custom field value on a record: `{ id, value }` or `{ id, field_value }`. */
export const customFieldValue = z.looseObject({
  id: text,
  key: text,
  value: z.unknown(),
  field_value: z.unknown(),
})

import { z } from 'zod'

const optionSchema = z.object({ label: z.string(), value: z.string() })

/**
 * One input of a dynamic field. The platform's docs spell the number type
 * both `numerical` and `numeric`, so both are accepted and `numeric` is sent
 * as `numerical`.
 */
export const dynamicInputSchema = z.object({
  field: z.string().min(1),
  title: z.string().min(1),
  fieldType: z
    .enum([
      'string',
      'numerical',
      'numeric',
      'textarea',
      'select',
      'multiselect',
      'radio',
      'toggle',
      'checkbox',
    ])
    .transform((type) => (type === 'numeric' ? 'numerical' : type)),
  required: z.boolean().default(false),
  options: z.array(optionSchema).optional(),
})

/** A titled group of dynamic inputs, the unit the platform renders. */
export const dynamicSectionSchema = z.object({
  section: z.string().min(1),
  fields: z.array(dynamicInputSchema),
})

export type DynamicInput = z.input<typeof dynamicInputSchema>
export type DynamicSection = z.input<typeof dynamicSectionSchema>

/** Builds the reply of a dynamic field endpoint: `{"inputs":[…]}`. */
export function dynamicFieldsReply(sections: readonly DynamicSection[]): {
  inputs: z.output<typeof dynamicSectionSchema>[]
} {
  return { inputs: z.array(dynamicSectionSchema).parse(sections) }
}

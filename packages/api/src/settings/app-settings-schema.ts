import { z } from 'zod'

/**
 * The example app's settings, edited per sub-account on the custom page.
 * Every field has a default, so a new install reads a complete object.
 */
export const appSettingsSchema = z.object({
  /** The note added when a contact becomes a hot lead. */
  noteTemplate: z.string().max(500).default('Hot lead: call back today.'),
  /** A tag added to contacts that reach the score threshold; "" for none. */
  hotLeadTag: z.string().max(40).default('hot-lead'),
  /** The lead score, from 0 to 100, at which a contact is a hot lead. */
  scoreThreshold: z.number().int().min(0).max(100).default(70),
  notifyOnHotLead: z.boolean().default(false),
})

export type AppSettingsSchema = typeof appSettingsSchema
export type AppSettings = z.infer<typeof appSettingsSchema>

import { z } from 'zod'
import { billingDeclarationSchema } from '../billing/billing-declaration.js'
import { menuLinkSchema } from '../menus/menu-link.js'
import { workflowsDeclarationSchema } from '../workflows/workflows-declaration.js'

/**
 * Scopes that the platform's OpenAPI files name. Other scope strings are
 * accepted too, since the platform adds scopes over time.
 */
export const knownScopes = [
  'charges.readonly',
  'charges.write',
  'contacts.readonly',
  'contacts.write',
  'custom-menu-link.readonly',
  'custom-menu-link.write',
  'locations.readonly',
  'locations.write',
  'locations/customFields.readonly',
  'locations/customFields.write',
  'locations/customValues.readonly',
  'locations/customValues.write',
  'locations/tags.readonly',
  'locations/tags.write',
  'locations/tasks.readonly',
  'marketplace-installer-details.readonly',
  'oauth.readonly',
  'oauth.write',
  'users.readonly',
  'users.write',
  'workflows.readonly',
] as const

export type KnownScope = (typeof knownScopes)[number]
export type Scope = KnownScope | (string & {})

const urlOrPath = z
  .string()
  .refine((value) => value.startsWith('/') || URL.canParse(value), {
    message: 'must be an absolute URL or a path that starts with /',
  })

/**
 * The fields that the Marketplace requests when an app is created. The sandbox
 * registers the app from this, and `hoopkit check` validates it.
 */
export const appDeclarationSchema = z.object({
  name: z.string().min(1).max(100),
  description: z.string().min(1).max(2000),
  /** The install targets allowed: an agency, a sub-account, or both. */
  distribution: z.enum(['agency', 'sub-account', 'both']).default('both'),
  /** Resolved against the app's public URL when it is a path. */
  redirectUri: urlOrPath,
  scopes: z.array(z.string().regex(/^[a-z-]+(\/[a-zA-Z]+)?\.[a-z-]+$/)).min(1),
  webhook: z.object({
    /** Resolved against the app's public URL when it is a path. */
    url: urlOrPath,
    events: z.array(z.string().min(1)).default(['INSTALL', 'UNINSTALL']),
  }),
  /** Custom menu links, created on each agency that installs the app. */
  menuLinks: z.array(menuLinkSchema).default([]),
  /** The plans, meters and Billing URL of a paid app. */
  billing: billingDeclarationSchema.optional(),
  /** The workflow actions and triggers that the app serves. */
  workflows: workflowsDeclarationSchema.optional(),
  /**
   * The Custom JS script that the platform loads into its own pages, such
   * as the widget loader. Resolved against the app's public URL when it is
   * a path.
   */
  customJs: urlOrPath.optional(),
  /**
   * The day the app was created in the developer portal, as `YYYY-MM-DD`.
   * The platform reportedly offers external billing only to apps created
   * on or before 2026-06-17, and the sandbox applies that rule with this
   * date. Without it, the sandbox counts the app as created after it.
   */
  createdAt: z.iso
    .date({ message: 'must be a date in the form YYYY-MM-DD' })
    .optional(),
})

export type AppDeclarationInput = z.input<typeof appDeclarationSchema> & {
  scopes: readonly Scope[]
}
export type AppDeclaration = z.output<typeof appDeclarationSchema>

/**
 * Declares the app. The function only checks the shape and fixes the type,
 * so the declaration file stays plain data that tools can load.
 *
 * @example
 * export default defineApp({
 *   name: 'Lead Notes',
 *   description: 'Adds notes to contacts.',
 *   redirectUri: '/oauth/callback',
 *   scopes: ['contacts.readonly'],
 *   webhook: { url: '/webhooks', events: ['INSTALL', 'UNINSTALL'] },
 * })
 */
export function defineApp(input: AppDeclarationInput): AppDeclaration {
  return appDeclarationSchema.parse(input)
}

/** Resolves a declared URL or path against the app's public URL. */
export function resolveAppUrl(urlOrPathValue: string, publicUrl: string) {
  return new URL(urlOrPathValue, publicUrl).toString()
}

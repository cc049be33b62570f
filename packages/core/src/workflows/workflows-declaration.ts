import { z } from 'zod'

const entry = z.object({
  /** The immutable key entered in the Marketplace. */
  key: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, {
    message:
      'must be lower-case letters, digits, _ or -, starting with a letter',
  }),
  name: z.string().min(1).max(100),
})

/**
 * The workflow actions and triggers of an app, as the declaration lists
 * them. The definitions live in code; this list names what the
 * Marketplace must have, so `hoopkit check` and the sandbox can compare.
 */
export const workflowsDeclarationSchema = z.object({
  /** The path under which the workflow endpoints are mounted. */
  prefix: z.string().startsWith('/').default('/workflows'),
  actions: z.array(entry).default([]),
  triggers: z.array(entry).default([]),
})

export type WorkflowsDeclaration = z.output<typeof workflowsDeclarationSchema>

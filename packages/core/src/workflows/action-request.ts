import { z } from 'zod'

/** One branch that the workflow offers an action, as the platform sends it. */
export const actionBranchSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  fields: z.record(z.string(), z.unknown()).optional(),
})

/**
 * The body of every call that the platform makes to an action, dynamic
 * field or trigger filter endpoint, with merge fields already resolved.
 * The platform sends no `companyId` and no execution id.
 */
export const actionRequestSchema = z.object({
  data: z.record(z.string(), z.unknown()),
  extras: z.looseObject({
    locationId: z.string().min(1),
    // Contactless workflows run actions without a contact.
    contactId: z.string().min(1).optional(),
    workflowId: z.string().min(1),
  }),
  meta: z.looseObject({
    key: z.string().min(1),
    version: z.string().min(1),
  }),
})

export type ActionRequestBody = z.output<typeof actionRequestSchema>
export type ActionExtras = ActionRequestBody['extras']
export type ActionMeta = ActionRequestBody['meta']
export type ActionBranchOffer = z.output<typeof actionBranchSchema>

/** Reads the branches that the request offers, ignoring malformed entries. */
export function offeredBranches(
  data: Record<string, unknown>,
): ActionBranchOffer[] {
  const parsed = z.array(actionBranchSchema).safeParse(data['branches'])
  return parsed.success ? parsed.data : []
}

import { z } from 'zod'

/**
 * The fields of a token reply that hoopkit uses, from `/oauth/token` and
 * `/oauth/locationToken`. Unknown fields are dropped.
 */
export const tokenGrantSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  /** Seconds; 86399 for most tokens, 86400 for some location tokens. */
  expires_in: z.number().positive().optional(),
  refresh_token: z.string().min(1).optional(),
  /** The granted scopes, space separated. */
  scope: z.string().optional(),
  userType: z.enum(['Company', 'Location']).optional(),
  companyId: z.string().min(1).optional(),
  locationId: z.string().min(1).optional(),
  userId: z.string().optional(),
  planId: z.string().optional(),
  appId: z.string().optional(),
  versionId: z.string().optional(),
  isBulkInstallation: z.boolean().optional(),
  approvedLocations: z.array(z.string()).optional(),
  approveAllLocations: z.boolean().optional(),
  installToFutureLocations: z.boolean().optional(),
  traceId: z.string().optional(),
})

export type TokenGrant = z.infer<typeof tokenGrantSchema>

/** Turns `expires_in` into epoch milliseconds, or `null` without one. */
export function grantExpiresAt(grant: TokenGrant, now: number): number | null {
  return grant.expires_in === undefined ? null : now + grant.expires_in * 1000
}

/** Splits a space-separated scope string, dropping empty parts. */
export function splitScopes(scope: string | null | undefined): string[] {
  return (scope ?? '').split(/\s+/).filter((part) => part !== '')
}

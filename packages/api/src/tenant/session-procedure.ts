import type { AppSession } from '@hoopkit/core'
import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import type { ApiContext } from '../context.js'
import { publicProcedure } from '../trpc.js'
import { findActiveInstall } from './install-lookup.js'

/**
 * A procedure that needs a valid session token. A missing, forged or
 * expired token is UNAUTHORIZED, and so is a token whose install has since
 * been uninstalled, because uninstalling revokes the app's sessions.
 */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const verified = await ctx.deps.sessions.verify(ctx.authorization)
  if (!verified.ok) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: verified.message })
  }

  const session = verified.session
  const install = await findActiveInstall(
    ctx.deps.database,
    ctx.deps.appId,
    session,
  )
  if (install === undefined) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message:
        'session: the app is no longer installed for this tenant: ' +
        'reinstall it, then open the page again',
    })
  }
  return next({ ctx: { session } })
})

/** The input every location procedure takes. */
export const locationInput = z.object({ locationId: z.string().min(1).max(64) })

/**
 * A procedure on one sub-account's data. A location session reaches only
 * its own location, and a company session only the locations of its
 * company where the app is installed. Any other `locationId` is FORBIDDEN.
 */
export const locationProcedure = protectedProcedure
  .input(locationInput)
  .use(async ({ ctx, input, next }) => {
    const session = ctx.session as AppSession
    const companyId = await companyOfAllowedLocation(
      ctx,
      session,
      input.locationId,
    )
    return next({
      ctx: { session, locationId: input.locationId, companyId },
    })
  })

async function companyOfAllowedLocation(
  ctx: ApiContext,
  session: AppSession,
  locationId: string,
): Promise<string | undefined> {
  if (session.locationId !== null) {
    if (session.locationId !== locationId) {
      throw forbidden(session, locationId)
    }
    return session.companyId ?? undefined
  }

  const install = await findActiveInstall(ctx.deps.database, ctx.deps.appId, {
    companyId: null,
    locationId,
  })
  if (install === undefined || install.company_id !== session.companyId) {
    throw forbidden(session, locationId)
  }
  return session.companyId ?? undefined
}

function forbidden(session: AppSession, locationId: string): TRPCError {
  const own =
    session.locationId ?? `the locations of company ${session.companyId}`
  return new TRPCError({
    code: 'FORBIDDEN',
    message: `tenant: this session may read ${own}, not location ${locationId}`,
  })
}

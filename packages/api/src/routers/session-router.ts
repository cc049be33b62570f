import { protectedProcedure } from '../tenant/session-procedure.js'
import { router } from '../trpc.js'

export const sessionRouter = router({
  /** Returns the tenant and user of the caller's session token. */
  whoami: protectedProcedure.query(({ ctx }) => ctx.session),
})

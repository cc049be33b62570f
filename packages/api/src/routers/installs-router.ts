import type { AppSession, InstallRecord } from '@hoopkit/core'
import { InstallStore } from '@hoopkit/core'
import { protectedProcedure } from '../tenant/session-procedure.js'
import { router } from '../trpc.js'

/** One install as the UIs see it: no token, no internal error text. */
export interface InstallView {
  resourceId: string
  userType: 'Company' | 'Location'
  companyId: string | null
  locationId: string | null
  status: InstallRecord['status']
  scopes: string[]
  isBulk: boolean
  companyName: string | null
  /** Epoch milliseconds. */
  installedAt: number
  updatedAt: number
}

export const installsRouter = router({
  /**
   * Lists the installs the session's tenant may see: for a sub-account
   * session its own install, for an agency session the agency's install
   * and those of its sub-accounts.
   */
  list: protectedProcedure.query(async ({ ctx }) => {
    const session = ctx.session as AppSession
    const installs = new InstallStore({ database: ctx.deps.database })
    const records = await installsOf(installs, ctx.deps.appId, session)
    return records.map(toInstallView)
  }),
})

async function installsOf(
  installs: InstallStore,
  appId: string,
  session: AppSession,
): Promise<InstallRecord[]> {
  if (session.locationId !== null) {
    const own = await installs.get(appId, session.locationId)
    return own ? [own] : []
  }
  if (session.companyId === null) {
    return []
  }
  return installs.list({ appId, companyId: session.companyId })
}

function toInstallView(record: InstallRecord): InstallView {
  return {
    resourceId: record.resourceId,
    userType: record.userType,
    companyId: record.companyId,
    locationId: record.locationId,
    status: record.status,
    scopes: record.scope?.split(' ').filter((scope) => scope !== '') ?? [],
    isBulk: record.isBulk,
    companyName: record.companyName,
    installedAt: record.installedAt,
    updatedAt: record.updatedAt,
  }
}

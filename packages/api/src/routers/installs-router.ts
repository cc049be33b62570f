import type { AppSession, InstallRecord } from '@hoopkit/core'
import { InstallStore, WebhookInbox } from '@hoopkit/core'
import { locationNames } from '../tenant/location-names.js'
import { protectedProcedure } from '../tenant/session-procedure.js'
import { router } from '../trpc.js'

/** One install as the UIs see it: no token, no internal error text. */
export interface InstallView {
  resourceId: string
  userType: 'Company' | 'Location'
  companyId: string | null
  locationId: string | null
  /**
   * The sub-account's name as the platform returns it now, or `null` for
   * an agency install or when the name could not be read.
   */
  locationName: string | null
  status: InstallRecord['status']
  scopes: string[]
  isBulk: boolean
  companyName: string | null
  /** Epoch milliseconds. */
  installedAt: number
  updatedAt: number
  /** The latest webhooks received for this install, newest first. */
  recentEvents: RecentWebhookView[]
}

/** One received webhook as the install list shows it. */
export interface RecentWebhookView {
  webhookId: string
  type: string
  /** `pending`, `processing`, `done` or `dead`, as the inbox records it. */
  status: string
  /** Epoch milliseconds. */
  receivedAt: number
}

const recentEventCount = 5

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
    const inbox = new WebhookInbox(ctx.deps.database.db)
    const names = await locationNames(
      ctx.deps.platform,
      records,
      ctx.deps.logger,
    )
    return Promise.all(
      records.map(async (record) => {
        const recent = await recentEvents(inbox, record.resourceId)
        const name = names.get(record.locationId ?? '') ?? null
        return toInstallView(record, name, recent)
      }),
    )
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

async function recentEvents(
  inbox: WebhookInbox,
  resourceId: string,
): Promise<RecentWebhookView[]> {
  const events = await inbox.recent(resourceId, recentEventCount)
  return events.map((event) => ({
    webhookId: event.webhook_id,
    type: event.type,
    status: event.status,
    receivedAt: Number(event.received_at),
  }))
}

function toInstallView(
  record: InstallRecord,
  locationName: string | null,
  recent: RecentWebhookView[],
): InstallView {
  return {
    resourceId: record.resourceId,
    userType: record.userType,
    companyId: record.companyId,
    locationId: record.locationId,
    locationName,
    status: record.status,
    scopes: record.scope?.split(' ').filter((scope) => scope !== '') ?? [],
    isBulk: record.isBulk,
    companyName: record.companyName,
    installedAt: record.installedAt,
    updatedAt: record.updatedAt,
    recentEvents: recent,
  }
}

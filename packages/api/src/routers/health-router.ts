import type { Database } from '@hoopkit/core'
import type { BucketHeadroom } from '../tenant/rate-limit-headroom.js'
import { locationProcedure } from '../tenant/session-procedure.js'
import { router } from '../trpc.js'

/** Tokens closer than this to expiry show as `expiring`. */
const expiringWithinMs = 60 * 60 * 1000

export type TokenState = 'valid' | 'expiring' | 'expired' | 'missing'

/** The health of one install, as the custom page shows it. */
export interface HealthReport {
  install: {
    status: string
    userType: 'Company' | 'Location'
    scopes: string[]
    /** Epoch milliseconds. */
    installedAt: number
    lastError: string | null
  } | null
  token: {
    state: TokenState
    userType: 'Company' | 'Location' | null
    expiresAt: number | null
    refreshedAt: number | null
    lastRefreshError: string | null
  }
  lastWebhook: { type: string; status: string; receivedAt: number } | null
  rateLimit: BucketHeadroom | null
  checkedAt: number
}

export const healthRouter = router({
  /**
   * Returns the health of the install in view: its status, the state of
   * its access token and last refresh error, the last webhook received for
   * it, and the rate-limit headroom the platform last reported.
   */
  get: locationProcedure.query(async ({ ctx }): Promise<HealthReport> => {
    const { database, appId, headroom } = ctx.deps
    const now = Date.now()
    const install = await installOf(database, appId, ctx.locationId)
    const token = await tokenOf(database, appId, [
      ctx.locationId,
      ctx.companyId,
    ])
    const webhook = await lastWebhook(database, ctx.locationId)

    return {
      install:
        install === undefined
          ? null
          : {
              status: install.status,
              userType: install.user_type,
              scopes: install.scope?.split(' ').filter(Boolean) ?? [],
              installedAt: install.installed_at,
              lastError: install.last_error,
            },
      token: {
        state: tokenState(token?.expires_at ?? null, token !== undefined, now),
        userType: token?.user_type ?? null,
        expiresAt: token?.expires_at ?? null,
        refreshedAt: token?.refreshed_at ?? null,
        lastRefreshError: token?.last_refresh_error ?? null,
      },
      lastWebhook:
        webhook === undefined
          ? null
          : {
              type: webhook.type,
              status: String(webhook.status),
              receivedAt: webhook.received_at,
            },
      rateLimit:
        headroom.headroomOf(appId, ctx.locationId) ??
        (ctx.companyId ? headroom.headroomOf(appId, ctx.companyId) : null),
      checkedAt: now,
    }
  }),
})

function tokenState(
  expiresAt: number | null,
  exists: boolean,
  now: number,
): TokenState {
  if (!exists) {
    return 'missing'
  }
  if (expiresAt === null || expiresAt - now > expiringWithinMs) {
    return 'valid'
  }
  return expiresAt > now ? 'expiring' : 'expired'
}

function installOf(database: Database, appId: string, locationId: string) {
  return database.db
    .selectFrom('installs')
    .selectAll()
    .where('app_id', '=', appId)
    .where((where) =>
      where.or([
        where('resource_id', '=', locationId),
        where('location_id', '=', locationId),
      ]),
    )
    .orderBy('updated_at', 'desc')
    .executeTakeFirst()
}

// The location's own token, or else the company token that mints it.
async function tokenOf(
  database: Database,
  appId: string,
  resourceIds: (string | undefined)[],
) {
  for (const resourceId of resourceIds) {
    if (resourceId === undefined) {
      continue
    }
    const row = await database.db
      .selectFrom('tokens')
      .select(['user_type', 'expires_at', 'refreshed_at', 'last_refresh_error'])
      .where('app_id', '=', appId)
      .where('resource_id', '=', resourceId)
      .executeTakeFirst()
    if (row !== undefined) {
      return row
    }
  }
  return undefined
}

function lastWebhook(database: Database, locationId: string) {
  return database.db
    .selectFrom('webhook_events')
    .select(['type', 'status', 'received_at'])
    .where('location_id', '=', locationId)
    .orderBy('received_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

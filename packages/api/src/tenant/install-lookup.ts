import type { Database, InstallsTable } from '@hoopkit/core'

/** The tenant whose install a request needs. */
export interface InstallTenant {
  companyId: string | null
  locationId: string | null
}

/**
 * Finds the active install that serves a tenant: the location's own
 * install, or for a company-level tenant the agency install. A location of
 * an agency-wide install is served by the company's install too.
 */
export async function findActiveInstall(
  database: Database,
  appId: string,
  tenant: InstallTenant,
): Promise<InstallsTable | undefined> {
  const rows = await activeInstalls(database, appId, tenant)
  const own = rows.find((row) => row.user_type === 'Location')
  return tenant.locationId !== null && own !== undefined ? own : rows[0]
}

/**
 * Returns the white-label domain that the platform stored for a tenant's
 * install: from the location's install, else from the agency's, else from
 * any active install of a sub-account of the tenant's agency.
 */
export async function findWhitelabelDomain(
  database: Database,
  appId: string,
  tenant: InstallTenant,
): Promise<string | null> {
  const rows = await activeInstalls(database, appId, tenant)
  const sorted = rows.sort((row) => (row.user_type === 'Location' ? -1 : 1))
  const own = sorted.find((row) => row.whitelabel_domain)?.whitelabel_domain
  if (own) {
    return own
  }
  if (tenant.companyId === null) {
    return null
  }
  return agencyWhitelabelDomain(database, appId, tenant.companyId)
}

// The agency INSTALL carries no `whitelabelDetails`, so the agency view
// takes the domain from the INSTALL of one of its sub-accounts.
// TODO: an agency with no sub-account install gets no white-label domain;
// the installations endpoint returns it for a Company token.
async function agencyWhitelabelDomain(
  database: Database,
  appId: string,
  companyId: string,
): Promise<string | null> {
  const row = await database.db
    .selectFrom('installs')
    .select('whitelabel_domain')
    .where('app_id', '=', appId)
    .where('status', '=', 'active')
    .where('company_id', '=', companyId)
    .where('whitelabel_domain', 'is not', null)
    .orderBy('resource_id')
    .executeTakeFirst()
  return row?.whitelabel_domain ?? null
}

async function activeInstalls(
  database: Database,
  appId: string,
  tenant: InstallTenant,
): Promise<InstallsTable[]> {
  if (tenant.locationId === null && tenant.companyId === null) {
    return []
  }
  return database.db
    .selectFrom('installs')
    .selectAll()
    .where('app_id', '=', appId)
    .where('status', '=', 'active')
    .where((where) => {
      const matches = []
      if (tenant.locationId !== null) {
        matches.push(where('location_id', '=', tenant.locationId))
        matches.push(where('resource_id', '=', tenant.locationId))
      }
      if (tenant.companyId !== null) {
        matches.push(
          where.and([
            where('resource_id', '=', tenant.companyId),
            where('user_type', '=', 'Company'),
          ]),
        )
      }
      return where.or(matches)
    })
    .execute()
}

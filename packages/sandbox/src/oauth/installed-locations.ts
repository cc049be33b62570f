import type { AccessGrant } from '../sandbox-auth.js'
import type { SandboxContext } from '../sandbox-context.js'
import type { Location } from '../state/entities.js'

type Query = Record<string, string | undefined>

export type InstalledLocationsResult =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; statusCode: 403 | 422; body: Record<string, unknown> }

/**
 * Builds the body of `GET /oauth/installedLocations`: the agency's
 * sub-accounts with the app's install state, filtered by the query and
 * paged by `skip` and `limit`. `count` is the number of matches before
 * paging.
 */
export function installedLocationsBody(
  query: Query,
  grant: AccessGrant,
  context: SandboxContext,
): InstalledLocationsResult {
  const invalid = invalidParameters(query)
  if (invalid.length > 0) {
    return {
      ok: false,
      statusCode: 422,
      body: {
        statusCode: 422,
        message: invalid,
        error: 'Unprocessable Entity',
      },
    }
  }
  if (
    query['companyId'] !== grant.companyId ||
    query['appId'] !== grant.appId
  ) {
    return {
      ok: false,
      statusCode: 403,
      body: {
        statusCode: 403,
        message: 'The token does not have access to this company',
        error: 'Forbidden',
      },
    }
  }

  const rows = context.state
    .locationsOf(grant.companyId)
    .map((location) => row(location, grant.appId, context))
    .filter((entry) => matches(entry, query))
  const skip = Number(query['skip'] ?? '0')
  const limit = Number(query['limit'] ?? '20')
  const company = context.installs.find(grant.appId, grant.companyId)
  return {
    ok: true,
    body: {
      locations: rows.slice(skip, skip + limit),
      count: rows.length,
      installToFutureLocations: company?.installToFutureLocations ?? false,
    },
  }
}

function invalidParameters(query: Query): string[] {
  const messages: string[] = []
  for (const name of ['companyId', 'appId']) {
    if (!query[name]) {
      messages.push(`${name} should not be empty`)
    }
  }
  for (const name of ['skip', 'limit']) {
    const value = query[name]
    if (value !== undefined && !/^\d+$/.test(value)) {
      messages.push(`${name} must be a number string`)
    }
  }
  for (const name of ['isInstalled', 'onTrial']) {
    const value = query[name]
    if (value !== undefined && value !== 'true' && value !== 'false') {
      messages.push(`${name} must be a boolean value`)
    }
  }
  return messages
}

interface Row {
  _id: string
  name: string
  address: string
  isInstalled: boolean
  versionId?: string
  installedAt?: string
}

function row(location: Location, appId: string, context: SandboxContext): Row {
  const install = context.installs.find(appId, location.id)
  const address =
    `${location.address}, ${location.city}, ${location.state} ` +
    `${location.postalCode}, ${location.country}`
  const entry: Row = {
    _id: location.id,
    name: location.name,
    address,
    isInstalled: install !== undefined,
  }
  if (install !== undefined) {
    entry.versionId = install.versionId
    entry.installedAt = install.installedAt
  }
  return entry
}

/** Applies the query's filters. No install is on a trial or a plan. */
function matches(entry: Row, query: Query): boolean {
  const name = query['query']?.toLowerCase()
  const checks = [
    name === undefined || entry.name.toLowerCase().includes(name),
    query['isInstalled'] === undefined ||
      String(entry.isInstalled) === query['isInstalled'],
    query['versionId'] === undefined || entry.versionId === query['versionId'],
    query['locationId'] === undefined || entry._id === query['locationId'],
    query['onTrial'] !== 'true',
    query['planId'] === undefined,
  ]
  return checks.every(Boolean)
}

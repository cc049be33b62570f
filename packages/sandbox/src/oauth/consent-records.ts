import type { AccessGrant } from '../sandbox-auth.js'
import type { RegisteredApp, User } from '../state/entities.js'
import type { SandboxState } from '../state/sandbox-state.js'
import type { Install } from './install-store.js'
import type { TokenDetails } from './token-store.js'

/** A validated consent: who installs which app on what. */
export interface ConsentDecision {
  app: RegisteredApp
  user: User
  /** The agency itself, or one or more of its sub-accounts. */
  target: { kind: 'agency' } | { kind: 'locations'; locationIds: string[] }
  scopes: string[]
  installToFutureLocations: boolean
  /** The plan that the installer picked, or `null` for the app's first. */
  planId: string | null
}

/** Builds the grant that the consent's tokens carry. */
export function grantFor(decision: ConsentDecision): AccessGrant {
  const { app, user, target } = decision
  const base = {
    appId: app.appId,
    clientId: app.clientId,
    companyId: user.companyId,
    userId: user.id,
    scopes: decision.scopes,
  }
  if (user.type === 'account' && target.kind === 'locations') {
    const locationId = target.locationIds[0] ?? null
    return { ...base, userType: 'Location', locationId }
  }
  return { ...base, userType: 'Company', locationId: null }
}

/** Builds the install facts that the consent's token responses repeat. */
export function detailsFor(
  decision: ConsentDecision,
  state: SandboxState,
): TokenDetails {
  const { user, target, app } = decision
  const bulk = user.type === 'agency' && target.kind === 'locations'
  const chosen = target.kind === 'locations' ? target.locationIds : []
  const all = state.locationsOf(user.companyId).map((l) => l.id)
  return {
    versionId: app.versionId,
    planId: null,
    isBulkInstallation: bulk,
    approveAllLocations: bulk && all.every((id) => chosen.includes(id)),
    installToFutureLocations: bulk && decision.installToFutureLocations,
    approvedLocations: bulk ? chosen : [],
  }
}

/**
 * Builds the installs of a consent: the agency, or each chosen sub-account
 * plus, for an agency user's bulk install, the agency's Company install.
 */
export function installRecords(
  decision: ConsentDecision,
  grant: AccessGrant,
  details: TokenDetails,
  now: number,
): Install[] {
  const base = {
    appId: decision.app.appId,
    versionId: decision.app.versionId,
    companyId: grant.companyId,
    userId: grant.userId,
    installToFutureLocations: details.installToFutureLocations,
    installedAt: new Date(now).toISOString(),
  }
  const { target } = decision
  const company: Install = {
    ...base,
    userType: 'Company',
    locationId: null,
    isBulkInstallation: details.isBulkInstallation,
  }
  if (target.kind === 'agency') {
    return [company]
  }

  const locations: Install[] = target.locationIds.map((locationId) => ({
    ...base,
    userType: 'Location',
    locationId,
    isBulkInstallation: details.isBulkInstallation,
  }))
  return grant.userType === 'Company' ? [company, ...locations] : locations
}

import {
  servedWhitelabelDomain,
  whitelabelOriginOf,
} from '../framing/whitelabel-host.js'
import type { PlatformBehaviour } from '../platform-behaviour.js'
import type { RegisteredApp } from '../state/entities.js'
import type { SandboxState } from '../state/sandbox-state.js'
import type { Install } from './install-store.js'

export interface InstallWebhookOptions {
  app: RegisteredApp
  /** The installs of one consent. */
  installs: Install[]
  state: SandboxState
  behaviour: PlatformBehaviour
  /** The sandbox's origin, whose port a `*.localhost` domain carries. */
  sandboxUrl: string
}

/**
 * Builds the INSTALL bodies for one consent, without `timestamp` and
 * `webhookId`: one per sub-account (or one with `locationIds`, as the
 * settings choose), or one agency INSTALL when no sub-account was chosen.
 */
export function installWebhookBodies(
  options: InstallWebhookOptions,
): Record<string, unknown>[] {
  const locationInstalls = options.installs.filter(
    (install) => install.locationId !== null,
  )
  if (locationInstalls.length === 0) {
    return options.installs.map((install) => agencyBody(install, options))
  }

  const bodies = locationInstalls.map((install) =>
    locationBody(install, options),
  )
  const first = bodies[0]
  if (options.behaviour.bulkInstallWebhook === 'per-location' || !first) {
    return bodies
  }

  const { locationId: _first, ...shared } = first
  const locationIds = locationInstalls.map((install) => install.locationId)
  return [{ ...shared, locationIds }]
}

function locationBody(install: Install, options: InstallWebhookOptions) {
  const company = options.state.companies.get(install.companyId)
  const stored = company?.whitelabelDomain ?? null
  const domain = servedWhitelabelDomain(stored, options.sandboxUrl)
  return {
    type: 'INSTALL',
    appId: install.appId,
    versionId: install.versionId,
    installType: installType('Location', options.behaviour),
    locationId: install.locationId,
    companyId: install.companyId,
    userId: install.userId,
    trial: { onTrial: false, trialDuration: 0 },
    isWhitelabelCompany: domain !== null,
    whitelabelDetails:
      stored === null
        ? {}
        : { domain, logoUrl: logoUrl(stored, options.sandboxUrl) },
    companyName: company?.name ?? '',
  }
}

function logoUrl(domain: string, sandboxUrl: string): string {
  return `${whitelabelOriginOf(domain, sandboxUrl)}/logo.png`
}

function agencyBody(install: Install, options: InstallWebhookOptions) {
  return {
    type: 'INSTALL',
    appId: install.appId,
    versionId: install.versionId,
    installType: installType('Company', options.behaviour),
    companyId: install.companyId,
    userId: install.userId,
    trial: { onTrial: false, trialDuration: 0 },
  }
}

function installType(
  kind: 'Location' | 'Company',
  behaviour: PlatformBehaviour,
): string {
  if (behaviour.installTypeValues === 'Location/Company') {
    return kind
  }
  return kind === 'Location' ? 'location' : 'agency'
}

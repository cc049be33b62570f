import type { InstallSummary } from '@hoopkit/core'
import type { Services } from '../services.js'

const lookupTimeoutMs = 3_000
const installationScope = 'marketplace-installer-details.readonly'

/**
 * Finds the display name of an installed resource for the onboarding page:
 * a sub-account's name from the platform, or an agency's name from the
 * install records or the platform. Returns `null` when none is known,
 * because the page then shows the id, and a failed lookup must not fail
 * the install.
 */
export async function findResourceName(
  services: Services,
  install: InstallSummary,
): Promise<string | null> {
  if (install.userType === 'Company') {
    return (
      (await storedCompanyName(services, install)) ??
      (await platformCompanyName(services, install))
    )
  }

  try {
    const { location } = await services.api.platform
      .location(install.resourceId)
      .get({ timeoutMs: lookupTimeoutMs, retry: 'never' })
    return location.name ?? null
  } catch (error) {
    services.logger.warn(
      { err: error, resourceId: install.resourceId },
      'location name lookup failed; the page shows the id only',
    )
    return null
  }
}

/**
 * Reads the agency name that an INSTALL webhook stored, on the agency's
 * record or on one of its sub-accounts' records, since the platform's
 * sub-account INSTALL carries `companyName` too.
 */
async function storedCompanyName(
  services: Services,
  install: InstallSummary,
): Promise<string | null> {
  const { installs } = services.oauth
  const own = await installs.get(install.appId, install.resourceId)
  if (own?.companyName) {
    return own.companyName
  }

  const records = await installs.list({
    appId: install.appId,
    companyId: install.resourceId,
  })
  return records.find((record) => record.companyName)?.companyName ?? null
}

/**
 * Asks the platform's installation details for the agency name, when the
 * install granted the scope that they need.
 */
async function platformCompanyName(
  services: Services,
  install: InstallSummary,
): Promise<string | null> {
  if (!install.scopes.includes(installationScope)) {
    return null
  }

  try {
    const { installationDetails } = await services.api.platform
      .company(install.resourceId)
      .installation.get({ timeoutMs: lookupTimeoutMs, retry: 'never' })
    return installationDetails.companyName ?? null
  } catch (error) {
    services.logger.warn(
      { err: error, resourceId: install.resourceId },
      'agency name lookup failed; the page shows the id only',
    )
    return null
  }
}

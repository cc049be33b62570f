import type { InstallSummary } from '@hoopkit/core'
import type { Services } from '../services.js'

const lookupTimeoutMs = 3_000

/**
 * Finds the display name of an installed resource for the onboarding page:
 * a sub-account's name from the platform, or the agency name that an
 * INSTALL webhook stored. Returns `null` when neither is known, because
 * the page then shows the id, and a failed lookup must not fail the install.
 */
export async function findResourceName(
  services: Services,
  install: InstallSummary,
): Promise<string | null> {
  if (install.userType === 'Company') {
    const record = await services.oauth.installs.get(
      install.appId,
      install.resourceId,
    )
    return record?.companyName ?? null
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

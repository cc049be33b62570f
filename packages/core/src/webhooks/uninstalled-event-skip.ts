import type { LifecycleOauth } from './install-lifecycle.js'
import { lifecycleEventTypes } from './install-lifecycle.js'

/** A rule that returns why an event's handlers should not run, or undefined. */
export type WebhookSkipRule = (
  type: string,
  body: Record<string, unknown>,
) => Promise<string | undefined>

/**
 * Skips the events of a sub-account or agency whose install is
 * uninstalled. They come from late retries or from a queue that was not
 * drained before the UNINSTALL, and their handlers would rebuild the app's
 * data for an install that was just cleaned up, with no token to call the
 * API. INSTALL and UNINSTALL always run, and so do events of resources
 * that have no install record, such as a location whose INSTALL is still
 * pending.
 */
export function skipUninstalledEvents(
  oauth: Pick<LifecycleOauth, 'appId' | 'installs'>,
): WebhookSkipRule {
  return async (type, body) => {
    if (lifecycleEventTypes.includes(type)) {
      return undefined
    }

    const resourceId = resourceOf(body)
    if (resourceId === undefined) {
      return undefined
    }
    const install = await oauth.installs.get(oauth.appId, resourceId)
    return install?.status === 'uninstalled' ? 'uninstalled' : undefined
  }
}

/** Returns the location an event belongs to, else its company. */
function resourceOf(body: Record<string, unknown>): string | undefined {
  for (const field of ['locationId', 'companyId']) {
    const value = body[field]
    if (typeof value === 'string' && value !== '') {
      return value
    }
  }
  return undefined
}

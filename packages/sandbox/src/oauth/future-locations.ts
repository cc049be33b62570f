import type { SandboxContext } from '../sandbox-context.js'
import type { Location } from '../state/entities.js'
import { platformId } from '../state/sandbox-ids.js'
import { installWebhookBodies } from './install-webhooks.js'

export interface NewLocationOptions {
  companyId: string
  name: string
}

/**
 * Creates a sub-account under an agency, as the agency's UI does. Every
 * app that the agency bulk-installed with "future locations" on is
 * installed on it at once and gets an INSTALL, with no consent and no
 * callback. That INSTALL carries no `companyId` or `userId` unless the
 * settings add them.
 */
export function createLocation(
  context: SandboxContext,
  options: NewLocationOptions,
): Location {
  const location: Location = {
    id: platformId(),
    companyId: options.companyId,
    name: options.name,
    email: '',
    phone: '',
    address: '',
    city: '',
    state: '',
    country: 'US',
    postalCode: '',
    website: '',
    timezone: 'America/New_York',
  }
  context.state.locations.set(location.id, location)

  const installedAt = new Date(context.clock.now()).toISOString()
  for (const company of context.installs.list()) {
    const app = context.state.apps.get(company.appId)
    if (
      app === undefined ||
      company.locationId !== null ||
      company.companyId !== options.companyId ||
      !company.installToFutureLocations
    ) {
      continue
    }

    const install = {
      ...company,
      userType: 'Location' as const,
      locationId: location.id,
      installedAt,
    }
    context.installs.add(install)
    const [body] = installWebhookBodies({
      app,
      installs: [install],
      state: context.state,
      behaviour: context.behaviour,
      sandboxUrl: context.baseUrl(),
    })
    if (body !== undefined) {
      if (!context.behaviour.futureLocationInstallIds) {
        delete body['companyId']
        delete body['userId']
      }
      context.installFlow.sendWebhook(app.appId, body)
    }
  }
  return location
}

import type { Sandbox } from '../../src/sandbox-server.js'
import type { RegisteredApp } from '../../src/state/entities.js'
import { seedIds } from '../../src/state/seed-data.js'

/**
 * Records an install of the app on the Harbor Dental sub-account directly
 * in the sandbox, as a consent by its user would, so shell tests need no
 * OAuth round trip.
 */
export function installOnHarbor(sandbox: Sandbox, app: RegisteredApp): void {
  sandbox.context.installs.add({
    appId: app.appId,
    versionId: app.versionId,
    userType: 'Location',
    companyId: seedIds.company,
    locationId: seedIds.harbor,
    userId: seedIds.harborUser,
    isBulkInstallation: false,
    installToFutureLocations: false,
    installedAt: '2026-01-05T09:00:00.000Z',
  })
}

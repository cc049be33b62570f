/** An app installed on one agency or one sub-account. */
export interface Install {
  appId: string
  versionId: string
  userType: 'Company' | 'Location'
  companyId: string
  /** The sub-account, or `null` for an agency install. */
  locationId: string | null
  /** The user who gave consent. */
  userId: string
  /** True for the Company token of an agency user's sub-account install. */
  isBulkInstallation: boolean
  /** Installs the app on sub-accounts that the agency creates later. */
  installToFutureLocations: boolean
  /** ISO-8601 time of the consent. */
  installedAt: string
}

/** The records of an `InstallStore`, as plain data for a JSON file. */
export interface InstallStoreSnapshot {
  installs: Install[]
  suspended: string[]
}

/**
 * The apps installed on each agency and sub-account, and the resources
 * that are suspended. An app has at most one install per resource.
 */
export class InstallStore {
  readonly #installs = new Map<string, Install>()
  readonly #suspended = new Set<string>()

  add(install: Install): void {
    this.#installs.set(installKey(install.appId, resourceOf(install)), install)
  }

  find(appId: string, resourceId: string): Install | undefined {
    return this.#installs.get(installKey(appId, resourceId))
  }

  /** Deletes the install and returns it, or `undefined` if there was none. */
  remove(appId: string, resourceId: string): Install | undefined {
    const key = installKey(appId, resourceId)
    const install = this.#installs.get(key)
    this.#installs.delete(key)
    return install
  }

  list(appId?: string): Install[] {
    const installs = [...this.#installs.values()]
    return appId === undefined
      ? installs
      : installs.filter((install) => install.appId === appId)
  }

  /** Lists the sub-account installs of an app under one agency. */
  locationInstalls(appId: string, companyId: string): Install[] {
    return this.list(appId).filter(
      (install) =>
        install.companyId === companyId && install.locationId !== null,
    )
  }

  isSuspended(resourceId: string): boolean {
    return this.#suspended.has(resourceId)
  }

  setSuspended(resourceId: string, suspended: boolean): void {
    if (suspended) {
      this.#suspended.add(resourceId)
    } else {
      this.#suspended.delete(resourceId)
    }
  }

  snapshot(): InstallStoreSnapshot {
    return { installs: this.list(), suspended: [...this.#suspended] }
  }

  restore(snapshot: InstallStoreSnapshot): void {
    this.#installs.clear()
    this.#suspended.clear()
    for (const install of snapshot.installs) {
      this.add(install)
    }
    for (const resourceId of snapshot.suspended) {
      this.#suspended.add(resourceId)
    }
  }
}

/** Returns the sub-account id of a Location install, else the agency id. */
export function resourceOf(install: Install): string {
  return install.locationId ?? install.companyId
}

function installKey(appId: string, resourceId: string): string {
  return `${appId}:${resourceId}`
}

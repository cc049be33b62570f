import { isHoopkitError } from '../errors/hoopkit-error.js'
import type { Logger } from '../logging/logger.js'
import type { InstallStore } from './install-store.js'
import type {
  InstalledLocation,
  InstalledLocationsClient,
} from './installed-locations-client.js'
import type { LocationTokenMinter } from './location-token-minter.js'
import type { TokenProvider } from './token-provider.js'
import type { TokenStore } from './token-store.js'

/** One location of a bulk install and whether its token is stored yet. */
export interface BulkLocationResult {
  locationId: string
  name: string | null
  /**
   * `pending` when minting failed, and then the token is minted on first
   * use.
   */
  status: 'active' | 'pending'
  /** The reason minting failed, without any token. */
  error?: string
}

export interface BulkInstallerOptions {
  installedLocations: InstalledLocationsClient
  minter: LocationTokenMinter
  store: TokenStore
  installs: InstallStore
  tokens: TokenProvider
  logger: Logger
}

/**
 * Finishes an agency's bulk install: the code exchange returns only the
 * Company token, so this lists the locations the agency chose and mints
 * one location token for each.
 */
export class BulkInstaller {
  readonly #options: BulkInstallerOptions

  constructor(options: BulkInstallerOptions) {
    this.#options = options
  }

  /**
   * Mints a token for each chosen location. The locations come from
   * `installedLocations`, plus any `approvedLocations` of the token reply
   * that the list lacks, since the platform does not always send that field.
   *
   * A location token stored before `replaceTokensStoredBefore` is minted
   * again, because it came from an earlier install's Company token, whose
   * scopes a reinstall may narrow. A token stored since, such as one that
   * an INSTALL webhook minted from the new Company token, is kept.
   */
  async install(request: {
    appId: string
    companyId: string
    approvedLocations?: readonly string[]
    /** When the new Company token was stored, in epoch milliseconds. */
    replaceTokensStoredBefore?: number
  }): Promise<BulkLocationResult[]> {
    const { appId, companyId } = request
    const locations = await this.#listChosen(request)

    const results: BulkLocationResult[] = []
    for (const location of locations) {
      results.push(
        await this.#mintOne(
          { appId, companyId, before: request.replaceTokensStoredBefore },
          location,
        ),
      )
    }
    return results
  }

  async #listChosen(request: {
    appId: string
    companyId: string
    approvedLocations?: readonly string[]
  }): Promise<InstalledLocation[]> {
    const { appId, companyId } = request
    const target = {
      appId,
      userType: 'Company',
      resourceId: companyId,
    } as const
    const { tokens, installedLocations } = this.#options

    let company = await tokens.accessToken(target)
    let listed = await installedLocations.list({
      companyToken: company.token,
      companyId,
      appId,
    })
    if (!listed.ok && listed.failure.kind === 'unauthorized') {
      company = await tokens.refreshAfterUnauthorized(target, company)
      listed = await installedLocations.list({
        companyToken: company.token,
        companyId,
        appId,
      })
    }
    if (!listed.ok) {
      this.#options.logger.warn(
        {
          appId,
          companyId,
          reason: listed.failure.kind,
          status: listed.failure.status,
        },
        'installed locations request failed; unlisted locations are minted on first use',
      )
    }

    const locations = listed.ok ? [...listed.locations] : []
    for (const locationId of request.approvedLocations ?? []) {
      if (!locations.some((location) => location.locationId === locationId)) {
        locations.push({ locationId, name: null })
      }
    }
    return locations
  }

  async #mintOne(
    install: { appId: string; companyId: string; before: number | undefined },
    location: { locationId: string; name: string | null },
  ): Promise<BulkLocationResult> {
    const { appId, companyId, before } = install
    const { locationId, name } = location
    const earlier = await this.#options.store.get(appId, locationId)
    const outdated =
      earlier !== undefined &&
      before !== undefined &&
      earlier.updatedAt < before
    try {
      await this.#options.minter.mint(
        {
          appId,
          companyId,
          locationId,
          ...(outdated ? { replacesVersion: earlier.version } : {}),
        },
        this.#options.tokens,
      )
      return { locationId, name, status: 'active' }
    } catch (error) {
      if (!isHoopkitError(error)) {
        throw error
      }
      this.#options.logger.warn(
        { appId, companyId, locationId, code: error.code },
        'location token not minted; install kept pending',
      )
      await this.#options.installs.record({
        appId,
        resourceId: locationId,
        userType: 'Location',
        companyId,
        locationId,
        status: 'pending',
        scope: null,
        userId: null,
      })
      return { locationId, name, status: 'pending', error: error.message }
    }
  }
}

import type { DatabaseLease } from '../db/database-lease.js'
import { HoopkitError } from '../errors/hoopkit-error.js'
import type { Logger } from '../logging/logger.js'
import type { InstallStore } from './install-store.js'
import { runUnderLease } from './lease-runner.js'
import type { LocationTokenClient } from './location-token-client.js'
import { oauthFailureError } from './oauth-failure-error.js'
import { SingleFlight } from './single-flight.js'
import { grantExpiresAt, type TokenGrant } from './token-grant.js'
import type { TokenProvider, TokenTarget } from './token-provider.js'
import type { StoredToken, TokenStore } from './token-store.js'
import type { TokensStoredHooks } from './tokens-stored-hooks.js'

export interface MintRequest {
  appId: string
  companyId: string
  locationId: string
  /**
   * The version of a stored token that the new one replaces, such as a
   * location token without a refresh token. Omit it when none is stored.
   */
  replacesVersion?: number
}

export interface LocationTokenMinterOptions {
  client: LocationTokenClient
  store: TokenStore
  installs: InstallStore
  leases: DatabaseLease
  hooks: TokensStoredHooks
  logger: Logger
  leaseTtlMs: number
  leasePollMs: number
  now: () => number
}

/**
 * Mints a location's token from its agency's Company token and stores it
 * under that location, once per location even under concurrency. A reply
 * that names another location is rejected and not stored.
 */
export class LocationTokenMinter {
  readonly #options: LocationTokenMinterOptions
  readonly #flights = new SingleFlight<StoredToken>()

  constructor(options: LocationTokenMinterOptions) {
    this.#options = options
  }

  mint(
    request: MintRequest,
    companyTokens: TokenProvider,
  ): Promise<StoredToken> {
    const key = `${request.appId}\n${request.locationId}`
    return this.#flights.run(key, () =>
      runUnderLease({
        leases: this.#options.leases,
        name: `oauth-mint:${request.appId}:${request.locationId}`,
        ttlMs: this.#options.leaseTtlMs,
        pollMs: this.#options.leasePollMs,
        waitMs: this.#options.leaseTtlMs * 2,
        check: () => this.#findMinted(request),
        work: () => this.#mintNow(request, companyTokens),
      }),
    )
  }

  async #findMinted(request: MintRequest): Promise<StoredToken | undefined> {
    const stored = await this.#options.store.get(
      request.appId,
      request.locationId,
    )
    if (stored && stored.version > (request.replacesVersion ?? 0)) {
      return stored
    }
    return undefined
  }

  async #mintNow(
    request: MintRequest,
    companyTokens: TokenProvider,
  ): Promise<StoredToken> {
    const grant = await this.#requestToken(request, companyTokens)
    if (grant.locationId !== request.locationId) {
      this.#options.logger.error(
        {
          appId: request.appId,
          locationId: request.locationId,
          got: grant.locationId,
        },
        'location token names another location; not stored',
      )
      throw new HoopkitError(
        'TOKEN_LOCATION_MISMATCH',
        `location token: expected a token for ${request.locationId}, got ` +
          `one for ${grant.locationId ?? 'no location'}: it was not stored; ` +
          'retry the call',
        {
          details: {
            locationId: request.locationId,
            got: grant.locationId ?? null,
          },
        },
      )
    }

    const stored = await this.#store(request, grant)
    this.#options.logger.info(
      {
        appId: request.appId,
        locationId: request.locationId,
        version: stored.version,
      },
      'location token minted',
    )
    await this.#options.hooks.emit({
      appId: request.appId,
      userType: 'Location',
      resourceId: request.locationId,
      companyId: request.companyId,
      locationId: request.locationId,
      scope: stored.scope,
      source: 'location_token',
    })
    return stored
  }

  async #requestToken(
    request: MintRequest,
    companyTokens: TokenProvider,
  ): Promise<TokenGrant> {
    const target: TokenTarget = {
      appId: request.appId,
      userType: 'Company',
      resourceId: request.companyId,
    }
    const body = {
      companyId: request.companyId,
      locationId: request.locationId,
    }

    let company = await companyTokens.accessToken(target)
    let result = await this.#options.client.mint({
      companyToken: company.token,
      ...body,
    })
    if (!result.ok && result.failure.kind === 'unauthorized') {
      company = await companyTokens.refreshAfterUnauthorized(target, company)
      result = await this.#options.client.mint({
        companyToken: company.token,
        ...body,
      })
    }

    if (!result.ok) {
      this.#options.logger.warn(
        {
          appId: request.appId,
          locationId: request.locationId,
          reason: result.failure.kind,
          status: result.failure.status,
        },
        'location token request failed',
      )
      throw oauthFailureError(result.failure, {
        operation: 'location token',
        appId: request.appId,
        resourceId: request.locationId,
        userType: 'Location',
      })
    }
    return result.grant
  }

  async #store(request: MintRequest, grant: TokenGrant): Promise<StoredToken> {
    const stored = await this.#options.store.put({
      appId: request.appId,
      resourceId: request.locationId,
      userType: 'Location',
      companyId: grant.companyId ?? request.companyId,
      locationId: request.locationId,
      accessToken: grant.access_token,
      refreshToken: grant.refresh_token ?? null,
      expiresAt: grantExpiresAt(grant, this.#options.now()),
      scope: grant.scope ?? null,
      userId: grant.userId ?? null,
    })
    await this.#options.installs.record({
      appId: request.appId,
      resourceId: request.locationId,
      userType: 'Location',
      companyId: stored.companyId,
      locationId: request.locationId,
      status: 'active',
      scope: stored.scope,
      userId: stored.userId,
      ...(grant.planId !== undefined ? { planId: grant.planId } : {}),
      ...(grant.versionId !== undefined ? { versionId: grant.versionId } : {}),
    })
    return stored
  }
}

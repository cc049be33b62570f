import type { DatabaseLease } from '../db/database-lease.js'
import { HoopkitError } from '../errors/hoopkit-error.js'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import { toAccessToken } from './access-token.js'
import type { InstallStore } from './install-store.js'
import { runUnderLease } from './lease-runner.js'
import type { LocationTokenMinter } from './location-token-minter.js'
import {
  RefreshFailurePolicy,
  type RefreshPlan,
} from './refresh-failure-policy.js'
import { SingleFlight } from './single-flight.js'
import type { TokenEndpointClient } from './token-endpoint-client.js'
import { checkTarget, reauthRequired, tokenNotFound } from './token-errors.js'
import { grantExpiresAt, type TokenGrant } from './token-grant.js'
import type {
  AccessToken,
  TokenProvider,
  TokenTarget,
} from './token-provider.js'
import type { StoredToken, TokenStore } from './token-store.js'

export interface TokenRefresherOptions {
  store: TokenStore
  installs: InstallStore
  tokenEndpoint: TokenEndpointClient
  minter: LocationTokenMinter
  leases: DatabaseLease
  logger?: Logger
  /**
   * Refreshes this long before `expires_at`, in ms, or at half the token's
   * lifetime for a token that lives shorter than twice this. @default 300000
   */
  refreshBeforeExpiryMs?: number
  /**
   * A token refreshed less than this long ago is not refreshed again after
   * a 401, because a new pair would be rejected the same way. @default 60000
   */
  freshTokenWindowMs?: number
  /**
   * Waits this long before refreshing a suspended location again, in ms.
   * NOTE: the platform documents no interval, so 15 minutes is an estimate.
   * @default 900000
   */
  suspendedRetryMs?: number
  /**
   * Waits this long after a timeout, network error or 5xx, in ms.
   * @default 30000
   */
  unavailableRetryMs?: number
  /** Lifetime of the cross-process refresh lease, in ms. @default 30000 */
  leaseTtlMs?: number
  /**
   * How often a caller waiting for another process looks again, in ms.
   * @default 50
   */
  leasePollMs?: number
  /** @default Date.now */
  now?: () => number
}

/**
 * Hands out access tokens and refreshes them: shortly before expiry, and
 * once after a 401. Refresh tokens are single-use, so exactly one refresh
 * runs per (app id, resource id): one promise per key in this process and
 * a database lease across processes. The new pair is stored before any
 * caller sees it.
 */
export class TokenRefresher implements TokenProvider {
  readonly #store: TokenStore
  readonly #installs: InstallStore
  readonly #endpoint: TokenEndpointClient
  readonly #minter: LocationTokenMinter
  readonly #leases: DatabaseLease
  readonly #logger: Logger
  readonly #settings: Required<
    Pick<
      TokenRefresherOptions,
      | 'refreshBeforeExpiryMs'
      | 'freshTokenWindowMs'
      | 'suspendedRetryMs'
      | 'unavailableRetryMs'
      | 'leaseTtlMs'
      | 'leasePollMs'
      | 'now'
    >
  >
  readonly #flights = new SingleFlight<AccessToken>()
  readonly #failures: RefreshFailurePolicy

  constructor(options: TokenRefresherOptions) {
    this.#store = options.store
    this.#installs = options.installs
    this.#endpoint = options.tokenEndpoint
    this.#minter = options.minter
    this.#leases = options.leases
    this.#logger = options.logger ?? silentLogger
    this.#settings = Object.freeze({
      refreshBeforeExpiryMs: options.refreshBeforeExpiryMs ?? 300_000,
      freshTokenWindowMs: options.freshTokenWindowMs ?? 60_000,
      suspendedRetryMs: options.suspendedRetryMs ?? 900_000,
      unavailableRetryMs: options.unavailableRetryMs ?? 30_000,
      leaseTtlMs: options.leaseTtlMs ?? 30_000,
      leasePollMs: options.leasePollMs ?? 50,
      now: options.now ?? Date.now,
    })
    this.#failures = new RefreshFailurePolicy({
      store: this.#store,
      installs: this.#installs,
      logger: this.#logger,
      suspendedRetryMs: this.#settings.suspendedRetryMs,
      unavailableRetryMs: this.#settings.unavailableRetryMs,
      now: this.#settings.now,
    })
  }

  async accessToken(target: TokenTarget): Promise<AccessToken> {
    const stored = await this.#store.get(target.appId, target.resourceId)
    if (!stored) {
      return this.#mintMissing(target)
    }
    checkTarget(target, stored)

    if (!this.#needsRefresh(stored)) {
      return toAccessToken(stored)
    }
    return this.#refresh({
      target,
      fromVersion: stored.version,
      rejected: false,
    })
  }

  async refreshAfterUnauthorized(
    target: TokenTarget,
    rejected: AccessToken,
  ): Promise<AccessToken> {
    const stored = await this.#store.get(target.appId, target.resourceId)
    if (!stored) {
      throw tokenNotFound(target)
    }
    if (stored.version > rejected.version) {
      return toAccessToken(stored)
    }

    const now = this.#settings.now()
    if (
      stored.refreshedAt !== null &&
      now - stored.refreshedAt < this.#settings.freshTokenWindowMs
    ) {
      this.#logger.warn(
        {
          appId: target.appId,
          resourceId: target.resourceId,
          version: stored.version,
        },
        'fresh token rejected with 401; not refreshing again',
      )
      throw new HoopkitError(
        'TOKEN_REJECTED',
        `token for ${target.userType} ${target.resourceId}: the platform ` +
          'returned 401 for a token refreshed moments ago, so no second ' +
          'refresh runs: check that the app is still installed there',
        { details: { appId: target.appId, resourceId: target.resourceId } },
      )
    }
    return this.#refresh({
      target,
      fromVersion: stored.version,
      rejected: true,
    })
  }

  /**
   * Refreshes `refreshBeforeExpiryMs` before expiry, or after half the
   * token's lifetime when that comes later, so a token that lives shorter
   * than the margin is not refreshed on every call.
   */
  #needsRefresh(stored: StoredToken): boolean {
    if (stored.expiresAt === null) {
      return false
    }
    const lifetimeMs = stored.expiresAt - stored.updatedAt
    const marginMs = Math.min(
      this.#settings.refreshBeforeExpiryMs,
      Math.max(lifetimeMs / 2, 0),
    )
    return this.#settings.now() >= stored.expiresAt - marginMs
  }

  #refresh(plan: RefreshPlan): Promise<AccessToken> {
    const { appId, resourceId } = plan.target
    return this.#flights.run(`${appId}\n${resourceId}`, () =>
      runUnderLease({
        leases: this.#leases,
        name: `oauth-refresh:${appId}:${resourceId}`,
        ttlMs: this.#settings.leaseTtlMs,
        pollMs: this.#settings.leasePollMs,
        waitMs: this.#settings.leaseTtlMs * 2,
        check: () => this.#settled(plan),
        work: () => this.#refreshNow(plan),
      }),
    )
  }

  /**
   * Returns the result when the refresh is already settled: a newer stored
   * version, a token that may still be used while refreshes are paused, or
   * a throw for a refresh token that the platform rejected for good.
   */
  async #settled(plan: RefreshPlan): Promise<AccessToken | undefined> {
    const stored = await this.#store.get(
      plan.target.appId,
      plan.target.resourceId,
    )
    if (!stored) {
      throw tokenNotFound(plan.target)
    }
    if (stored.version > plan.fromVersion) {
      return toAccessToken(stored)
    }
    if (stored.lastRefreshError === 'invalid_grant') {
      throw reauthRequired(plan.target)
    }

    const blockedUntil = stored.refreshBlockedUntil
    if (blockedUntil !== null && this.#settings.now() < blockedUntil) {
      return this.#failures.whileBlocked(plan, stored)
    }
    return undefined
  }

  async #refreshNow(plan: RefreshPlan): Promise<AccessToken> {
    const stored = await this.#store.get(
      plan.target.appId,
      plan.target.resourceId,
    )
    if (!stored) {
      throw tokenNotFound(plan.target)
    }
    if (stored.refreshToken === null) {
      return this.#remint(plan, stored)
    }

    const result = await this.#endpoint.refresh(
      stored.refreshToken,
      stored.userType,
    )
    if (!result.ok) {
      return this.#failures.handle(plan, stored, result.failure)
    }
    return this.#storeRefreshed(plan, stored, result.grant)
  }

  async #storeRefreshed(
    plan: RefreshPlan,
    stored: StoredToken,
    grant: TokenGrant,
  ): Promise<AccessToken> {
    if (
      stored.userType === 'Location' &&
      grant.locationId !== undefined &&
      grant.locationId !== stored.resourceId
    ) {
      throw new HoopkitError(
        'TOKEN_LOCATION_MISMATCH',
        `token refresh: expected a token for ${stored.resourceId}, got one ` +
          `for ${grant.locationId}: it was not stored`,
        { details: { resourceId: stored.resourceId, got: grant.locationId } },
      )
    }

    const replaced = await this.#store.replaceIfVersion(
      {
        ...stored,
        accessToken: grant.access_token,
        refreshToken: grant.refresh_token ?? stored.refreshToken,
        expiresAt: grantExpiresAt(grant, this.#settings.now()),
        scope: grant.scope ?? stored.scope,
      },
      stored.version,
    )
    const current =
      replaced ?? (await this.#store.get(stored.appId, stored.resourceId))
    if (!current) {
      throw tokenNotFound(plan.target)
    }

    await this.#installs.resume(stored.appId, stored.resourceId)
    this.#logger.info(
      {
        appId: stored.appId,
        resourceId: stored.resourceId,
        version: current.version,
      },
      'token refreshed',
    )
    return toAccessToken(current)
  }

  async #remint(plan: RefreshPlan, stored: StoredToken): Promise<AccessToken> {
    if (stored.userType !== 'Location' || stored.companyId === null) {
      throw reauthRequired(plan.target)
    }
    const minted = await this.#minter.mint(
      {
        appId: stored.appId,
        companyId: stored.companyId,
        locationId: stored.resourceId,
        replacesVersion: stored.version,
      },
      this,
    )
    return toAccessToken(minted)
  }

  async #mintMissing(target: TokenTarget): Promise<AccessToken> {
    if (target.userType !== 'Location') {
      throw tokenNotFound(target)
    }
    const install = await this.#installs.get(target.appId, target.resourceId)
    const companyId = target.companyId ?? install?.companyId ?? undefined
    if (companyId === undefined) {
      throw tokenNotFound(target)
    }

    const minted = await this.#minter.mint(
      { appId: target.appId, companyId, locationId: target.resourceId },
      this,
    )
    return toAccessToken(minted)
  }
}

import { HoopkitError } from '../errors/hoopkit-error.js'
import type { Logger } from '../logging/logger.js'
import { toAccessToken } from './access-token.js'
import type { InstallStore } from './install-store.js'
import type { OauthFailure } from './oauth-failure.js'
import { oauthFailureError } from './oauth-failure-error.js'
import { reauthRequired } from './token-errors.js'
import type { AccessToken, TokenTarget } from './token-provider.js'
import type { StoredToken, TokenStore } from './token-store.js'

/** One refresh that the refresher runs for a target. */
export interface RefreshPlan {
  target: TokenTarget
  /** The version that needs replacing. A newer stored version is the result. */
  fromVersion: number
  /**
   * The platform rejected this version with 401, so it is never handed
   * out again.
   */
  rejected: boolean
}

export interface RefreshFailurePolicyOptions {
  store: TokenStore
  installs: InstallStore
  logger: Logger
  suspendedRetryMs: number
  unavailableRetryMs: number
  now: () => number
}

/**
 * Handles a refresh that failed. A dead refresh token marks the install
 * `reauth_required`, while a suspension or an outage keeps the tokens and
 * pauses refreshes for a while. A configuration error is thrown as is.
 */
export class RefreshFailurePolicy {
  readonly #options: RefreshFailurePolicyOptions

  constructor(options: RefreshFailurePolicyOptions) {
    this.#options = options
  }

  /**
   * Records a failed refresh and decides the result: a throw, or the
   * stored token while it may still be used.
   */
  async handle(
    plan: RefreshPlan,
    stored: StoredToken,
    failure: OauthFailure,
  ): Promise<AccessToken> {
    const { appId, resourceId } = plan.target
    const log = {
      appId,
      resourceId,
      reason: failure.kind,
      status: failure.status,
      traceId: failure.traceId,
    }
    const error = oauthFailureError(failure, {
      operation: 'token refresh',
      appId,
      resourceId,
      userType: plan.target.userType,
    })

    if (failure.kind === 'invalid_grant') {
      this.#options.logger.warn(
        log,
        'refresh token rejected, reinstall required',
      )
      await this.#options.store.recordRefreshFailure(stored, {
        kind: failure.kind,
        blockedUntil: null,
      })
      await this.#options.installs.setStatus(
        appId,
        resourceId,
        'reauth_required',
        failure.message,
      )
      throw reauthRequired(plan.target, error)
    }
    if (failure.kind === 'suspended' || failure.kind === 'unavailable') {
      const pauseMs =
        failure.kind === 'suspended'
          ? this.#options.suspendedRetryMs
          : this.#options.unavailableRetryMs
      const blockedUntil = this.#options.now() + pauseMs
      this.#options.logger.warn(
        { ...log, retryAt: blockedUntil },
        'token refresh failed; tokens kept',
      )
      await this.#options.store.recordRefreshFailure(stored, {
        kind: failure.kind,
        blockedUntil,
      })
      if (failure.kind === 'suspended') {
        await this.#options.installs.setStatus(
          appId,
          resourceId,
          'suspended',
          failure.message,
        )
      }
      return this.whileBlocked(plan, {
        ...stored,
        lastRefreshError: failure.kind,
        refreshBlockedUntil: blockedUntil,
      })
    }

    this.#options.logger.error(
      log,
      'token refresh failed: the platform rejected the app configuration',
    )
    throw error
  }

  /**
   * Returns the stored token while refreshes pause, unless it expired or
   * the platform rejected it, which throws.
   */
  whileBlocked(plan: RefreshPlan, stored: StoredToken): AccessToken {
    const expired =
      stored.expiresAt !== null && this.#options.now() >= stored.expiresAt
    if (!plan.rejected && !expired) {
      return toAccessToken(stored)
    }

    const suspended = stored.lastRefreshError === 'suspended'
    throw new HoopkitError(
      suspended ? 'LOCATION_SUSPENDED' : 'TOKEN_REFRESH_FAILED',
      `token for ${plan.target.userType} ${plan.target.resourceId}: ` +
        (suspended
          ? 'the location is not active, so refreshes pause'
          : 'the last refresh failed, so refreshes pause') +
        ` until ${new Date(stored.refreshBlockedUntil ?? 0).toISOString()}: ` +
        'the tokens are kept; retry after that time',
      {
        details: {
          appId: plan.target.appId,
          resourceId: plan.target.resourceId,
          retryAt: stored.refreshBlockedUntil,
        },
      },
    )
  }
}

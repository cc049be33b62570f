import {
  defaultShellBehaviour,
  type ShellBehaviour,
} from './shell/shell-behaviour.js'
import {
  defaultWebhookBehaviour,
  type WebhookBehaviour,
} from './webhooks/webhook-behaviour.js'

/**
 * The platform behaviours that its docs leave open. Each one is a setting,
 * and the default is the stricter reading, so an app that passes under the
 * defaults also passes on the real platform. Tests flip one setting at a
 * time to prove the app handles the other reading too.
 */
export interface PlatformBehaviour extends WebhookBehaviour, ShellBehaviour {
  /**
   * Echoes the authorize request's `state` on the callback.
   * @default false
   */
  echoState: boolean
  /**
   * Rejects `/v2/oauth/chooselocation` without `version_id`.
   * @default true
   */
  requireVersionId: boolean
  /**
   * Seconds an authorization code stays valid, in platform time.
   * @default 60
   */
  codeLifetimeSeconds: number
  /**
   * Lets a code be exchanged more than once within its lifetime.
   * @default false
   */
  allowCodeReuse: boolean
  /**
   * The handling of a JSON body at `POST /oauth/token`: `reject` responds 422
   * `grant_type should not be empty`, `accept` reads its fields.
   * @default 'reject'
   */
  jsonTokenBody: 'reject' | 'accept'
  /**
   * The shape of OAuth error bodies: the platform's `{statusCode, message}`,
   * RFC 6749's `{error, error_description}`, or both merged into one body.
   * @default 'platform'
   */
  errorBodyShape: 'platform' | 'rfc' | 'mixed'
  /**
   * Seconds after its first use in which a refresh token still works once
   * more. Zero means a reused refresh token is always rejected.
   * @default 0
   */
  refreshReuseGraceSeconds: number
  /**
   * Rejects a refresh request without `user_type`.
   * @default true
   */
  requireUserTypeOnRefresh: boolean
  /**
   * The effect of the `user_type` sent with a code exchange: `ignored` lets the
   * installer's choice decide the token kind, `must-match` rejects a
   * `user_type` that differs from it.
   * @default 'ignored'
   */
  userTypeAtExchange: 'ignored' | 'must-match'
  /**
   * Adds `approvedLocations` to Company tokens of bulk installs.
   * @default false
   */
  sendApprovedLocations: boolean
  /**
   * When the INSTALL webhooks of a consent are sent: before the app
   * exchanges the code, after it, or either way at random per install.
   * @default 'install-first'
   */
  installWebhookOrder: 'install-first' | 'callback-first' | 'random'
  /**
   * One INSTALL per chosen sub-account, or one INSTALL with `locationIds`.
   * @default 'per-location'
   */
  bulkInstallWebhook: 'per-location' | 'location-ids'
  /**
   * The `installType` values of INSTALL webhooks.
   * @default 'Location/Company'
   */
  installTypeValues: 'Location/Company' | 'location/agency'
  /**
   * Deletes a resource's tokens when the app is uninstalled from it. When
   * false, the tokens keep working until they expire.
   * @default true
   */
  revokeTokensOnUninstall: boolean
  /**
   * Sends UNINSTALL after the app uninstalls itself through
   * `DELETE /marketplace/app/{appId}/installations`.
   * @default false
   */
  uninstallWebhookAfterAppUninstall: boolean
  /**
   * Adds `companyId` and `userId` to the INSTALL of a sub-account that the
   * agency creates after a bulk install with "future locations" on.
   * @default false
   */
  futureLocationInstallIds: boolean
  /**
   * The number of agencies a private app can be installed on, or `null` for
   * no cap. The sandbox treats every registered app as private.
   * @default 5
   */
  privateAppAgencyCap: number | null
  /**
   * Whether `POST /oauth/reconnect` works or responds that it was removed.
   * @default 'removed'
   */
  reconnect: 'removed' | 'available'
  /**
   * The status of the reply to a valid token that lacks the route's scope,
   * with the message `The token is not authorized for this scope.` The
   * OpenAPI files list 403 for missing permissions, and a 401 would make
   * apps refresh, which never adds scopes.
   * @default 403
   */
  scopeRejectionStatus: 403 | 401
  /**
   * Lifetime of access tokens from a code or refresh, in platform seconds.
   * The clock's time scale shortens it in real time.
   * @default 86399
   */
  accessTokenLifetimeSeconds: number
  /**
   * Lifetime of access tokens from `/oauth/locationToken`.
   * @default 86399
   */
  locationTokenLifetimeSeconds: number
  /**
   * Lifetime of an unused refresh token, in platform seconds.
   * @default 31536000 (one year)
   */
  refreshTokenLifetimeSeconds: number
}

export const defaultPlatformBehaviour: Readonly<PlatformBehaviour> =
  Object.freeze({
    ...defaultWebhookBehaviour,
    ...defaultShellBehaviour,
    echoState: false,
    requireVersionId: true,
    codeLifetimeSeconds: 60,
    allowCodeReuse: false,
    jsonTokenBody: 'reject',
    errorBodyShape: 'platform',
    refreshReuseGraceSeconds: 0,
    requireUserTypeOnRefresh: true,
    userTypeAtExchange: 'ignored',
    sendApprovedLocations: false,
    installWebhookOrder: 'install-first',
    bulkInstallWebhook: 'per-location',
    installTypeValues: 'Location/Company',
    revokeTokensOnUninstall: true,
    reconnect: 'removed',
    uninstallWebhookAfterAppUninstall: false,
    futureLocationInstallIds: false,
    privateAppAgencyCap: 5,
    scopeRejectionStatus: 403,
    accessTokenLifetimeSeconds: 86_399,
    locationTokenLifetimeSeconds: 86_399,
    refreshTokenLifetimeSeconds: 365 * 24 * 60 * 60,
  })

/** Fills the settings that `overrides` leaves out with the defaults. */
export function platformBehaviour(
  overrides: Partial<PlatformBehaviour> = {},
): PlatformBehaviour {
  return { ...defaultPlatformBehaviour, ...overrides }
}

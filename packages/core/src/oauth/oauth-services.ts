import type { TokenCipher } from '../crypto/token-cipher.js'
import type { Database } from '../db/database.js'
import { DatabaseLease } from '../db/database-lease.js'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import { BulkInstaller } from './bulk-installer.js'
import { InstallStore } from './install-store.js'
import { InstalledLocationsClient } from './installed-locations-client.js'
import { LocationTokenClient } from './location-token-client.js'
import { LocationTokenMinter } from './location-token-minter.js'
import { OauthCallbackHandler } from './oauth-callback-handler.js'
import {
  appIdFromClientId,
  defaultOauthTimeoutMs,
  type OauthClientConfig,
} from './oauth-client-config.js'
import { OauthCodeLedger } from './oauth-code-ledger.js'
import { TokenEndpointClient } from './token-endpoint-client.js'
import {
  TokenRefresher,
  type TokenRefresherOptions,
} from './token-refresher.js'
import { TokenStore } from './token-store.js'
import { TokensStoredHooks } from './tokens-stored-hooks.js'

export interface OauthServicesOptions {
  database: Database
  cipher: TokenCipher
  client: OauthClientConfig
  logger?: Logger
  /** Timing settings of the refresher; each has its own default. */
  refresh?: Omit<
    TokenRefresherOptions,
    'store' | 'installs' | 'tokenEndpoint' | 'minter' | 'leases' | 'logger'
  >
}

/** The OAuth parts of one app, wired to one database. */
export interface OauthServices {
  readonly appId: string
  readonly tokens: TokenStore
  readonly installs: InstallStore
  readonly refresher: TokenRefresher
  readonly callback: OauthCallbackHandler
  readonly hooks: TokensStoredHooks
  readonly tokenEndpoint: TokenEndpointClient
  readonly installedLocations: InstalledLocationsClient
}

/**
 * Builds the token store, refresher and callback handler of one app.
 *
 * @example
 * const oauth = createOauthServices({ database, cipher, client: {
 *   clientId, clientSecret, apiUrl, redirectUri } })
 * const token = await oauth.refresher.accessToken(target)
 */
export function createOauthServices(
  options: OauthServicesOptions,
): OauthServices {
  const logger = (options.logger ?? silentLogger).child({ component: 'oauth' })
  const now = options.refresh?.now ?? Date.now
  // A lease must outlast the requests made under it: a mint may refresh
  // the agency's token first, so two requests at most.
  const timeoutMs = options.client.timeoutMs ?? defaultOauthTimeoutMs
  const leaseTtlMs =
    options.refresh?.leaseTtlMs ?? Math.max(30_000, 2 * timeoutMs + 5_000)
  const appId = appIdFromClientId(options.client.clientId)
  const database = options.database

  const tokens = new TokenStore({ database, cipher: options.cipher, now })
  const installs = new InstallStore({ database, now })
  const leases = new DatabaseLease({ database, now })
  const hooks = new TokensStoredHooks(logger)
  const tokenEndpoint = new TokenEndpointClient(options.client)
  const installedLocations = new InstalledLocationsClient(options.client)
  const minter = new LocationTokenMinter({
    client: new LocationTokenClient(options.client),
    store: tokens,
    installs,
    leases,
    hooks,
    logger,
    leaseTtlMs,
    leasePollMs: options.refresh?.leasePollMs ?? 50,
    now,
  })
  const refresher = new TokenRefresher({
    ...options.refresh,
    leaseTtlMs,
    store: tokens,
    installs,
    tokenEndpoint,
    minter,
    leases,
    logger,
  })
  const callback = new OauthCallbackHandler({
    appId,
    tokenEndpoint,
    store: tokens,
    installs,
    ledger: new OauthCodeLedger({ database, now }),
    bulkInstaller: new BulkInstaller({
      installedLocations,
      minter,
      store: tokens,
      installs,
      tokens: refresher,
      logger,
    }),
    hooks,
    logger,
    now,
  })

  return {
    appId,
    tokens,
    installs,
    refresher,
    callback,
    hooks,
    tokenEndpoint,
    installedLocations,
  }
}

export type {
  AppDeclaration,
  AppDeclarationInput,
  KnownScope,
  Scope,
} from './app/app-declaration.js'
export {
  appDeclarationSchema,
  defineApp,
  knownScopes,
  resolveAppUrl,
} from './app/app-declaration.js'
export type { HoopkitEnv } from './config/hoopkit-config.js'
export {
  defaultApiUrl,
  defaultMarketplaceUrl,
  hoopkitEnvSchema,
  parseEnv,
} from './config/hoopkit-config.js'
export { TokenCipher } from './crypto/token-cipher.js'
export type {
  Database,
  DatabaseKind,
  OpenDatabaseOptions,
} from './db/database.js'
export { databaseKind, openDatabase, sqliteFile } from './db/database.js'
export type {
  InstallStatus,
  InstallsTable,
  TokensTable,
  UserType,
} from './db/install-tables.js'
export type { DatabaseSchema } from './db/schema.js'
export type { ErrorCode } from './errors/error-codes.js'
export { errorCodes } from './errors/error-codes.js'
export type { HoopkitErrorOptions } from './errors/hoopkit-error.js'
export { HoopkitError, isHoopkitError } from './errors/hoopkit-error.js'
export type { Logger } from './logging/logger.js'
export { silentLogger } from './logging/logger.js'
export type {
  AccessToken,
  TokenProvider,
  TokenTarget,
} from './oauth/token-provider.js'
export type { TokenRefresherOptions } from './oauth/token-refresher.js'
export { TokenRefresher, toAccessToken } from './oauth/token-refresher.js'
export type { StoredToken, TokenWrite } from './oauth/token-store.js'
export { TokenStore } from './oauth/token-store.js'
export type {
  TokensStoredEvent,
  TokensStoredListener,
} from './oauth/tokens-stored-hooks.js'
export { TokensStoredHooks } from './oauth/tokens-stored-hooks.js'
export type { FrameAncestorsOptions } from './framing/frame-ancestors.js'
export {
  defaultPlatformAppOrigins,
  FrameAncestors,
  whitelabelOrigin,
} from './framing/frame-ancestors.js'
export type {
  AppSession,
  SessionTokensOptions,
  SessionVerifyResult,
} from './sso/session-tokens.js'
export { SessionTokens } from './sso/session-tokens.js'
export { SsoCipher } from './sso/sso-cipher.js'
export type {
  SsoPayload,
  SsoReadResult,
  SsoUserContext,
} from './sso/sso-user-context.js'
export {
  parseSsoUserContext,
  readSsoPayload,
  ssoPayloadSchema,
} from './sso/sso-user-context.js'
export type { AppSettingsTable } from './db/settings-tables.js'
export type {
  AppSettingsStoreOptions,
  SettingsWriteResult,
  StoredSettings,
} from './settings/app-settings-store.js'
export { AppSettingsStore } from './settings/app-settings-store.js'

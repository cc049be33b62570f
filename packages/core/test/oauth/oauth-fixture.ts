import { randomBytes } from 'node:crypto'
import { tempSqliteUrl } from '@hoopkit/testing'
import { TokenCipher } from '../../src/crypto/token-cipher.js'
import { type Database, openDatabase } from '../../src/db/database.js'
import type { Logger } from '../../src/logging/logger.js'
import {
  createOauthServices,
  type OauthServices,
} from '../../src/oauth/oauth-services.js'
import type { TokenRefresherOptions } from '../../src/oauth/token-refresher.js'
import type { TokenWrite } from '../../src/oauth/token-store.js'

export const testClientId = '65f0c0ffee0000000000beef-lt2x9k3f'
export const testAppId = '65f0c0ffee0000000000beef'
export const testClientSecret = 'c0ffee00-0000-4000-8000-00000000beef'

export interface OauthFixture {
  database: Database
  databaseUrl: string
  cipherKey: string
  oauth: OauthServices
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

export interface OauthFixtureOptions {
  apiUrl: string
  databaseUrl?: string
  cipherKey?: string
  redirectUri?: string
  userType?: 'Company' | 'Location'
  logger?: Logger
  refresh?: Partial<TokenRefresherOptions>
}

/** Opens a migrated database and the OAuth services of the test app. */
export async function openOauthFixture(
  options: OauthFixtureOptions,
): Promise<OauthFixture> {
  const databaseUrl = options.databaseUrl ?? tempSqliteUrl()
  const cipherKey = options.cipherKey ?? randomBytes(32).toString('base64')
  const database = await openDatabase({ url: databaseUrl })
  // Tests in one file share a PostgreSQL database, so each starts empty.
  for (const table of ['tokens', 'installs', 'locks', 'oauth_codes'] as const) {
    await database.db.deleteFrom(table).execute()
  }
  const oauth = createOauthServices({
    database,
    cipher: new TokenCipher(cipherKey),
    client: {
      clientId: testClientId,
      clientSecret: testClientSecret,
      apiUrl: options.apiUrl,
      ...(options.redirectUri ? { redirectUri: options.redirectUri } : {}),
      ...(options.userType ? { userType: options.userType } : {}),
      timeoutMs: 5_000,
    },
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.refresh ? { refresh: options.refresh } : {}),
  })
  const close = () => database.close()
  return {
    database,
    databaseUrl,
    cipherKey,
    oauth,
    close,
    [Symbol.asyncDispose]: close,
  }
}

/** Builds a location token row for tests, with overrides. */
export function locationToken(
  locationId: string,
  fields: Partial<TokenWrite> = {},
): TokenWrite {
  return {
    appId: testAppId,
    resourceId: locationId,
    userType: 'Location',
    companyId: 'cmp_T1',
    locationId,
    accessToken: 'AT1',
    refreshToken: 'RT1',
    expiresAt: null,
    scope: 'contacts.readonly contacts.write',
    userId: 'usr_T1',
    ...fields,
  }
}

/** Builds a company token row for tests, with overrides. */
export function companyToken(
  companyId: string,
  fields: Partial<TokenWrite> = {},
): TokenWrite {
  return {
    appId: testAppId,
    resourceId: companyId,
    userType: 'Company',
    companyId,
    locationId: null,
    accessToken: 'CAT1',
    refreshToken: 'CRT1',
    expiresAt: null,
    scope: 'oauth.readonly oauth.write',
    userId: 'usr_T1',
    ...fields,
  }
}

/** Returns what `promise` rejects with, and fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the promise to reject')
}

/** Records an active install of one of cmp_T1's locations. */
export async function recordLocationInstall(
  oauth: OauthServices,
  locationId: string,
): Promise<void> {
  await oauth.installs.record({
    appId: testAppId,
    resourceId: locationId,
    userType: 'Location',
    companyId: 'cmp_T1',
    locationId,
    status: 'active',
    scope: 'contacts.readonly',
    userId: 'usr_T1',
  })
}

/** Moves a stored token's write time `ms` milliseconds into the past. */
export async function storedAgo(
  fixture: OauthFixture,
  resourceId: string,
  ms: number,
): Promise<void> {
  await fixture.database.db
    .updateTable('tokens')
    .set({ updated_at: Date.now() - ms })
    .where('resource_id', '=', resourceId)
    .execute()
}

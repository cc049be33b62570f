import { randomBytes } from 'node:crypto'
import { tempSqliteUrl } from '@hoopkit/testing'
import { ApiClient, type ApiClientOptions } from '../../src/api/api-client.js'
import { TokenCipher } from '../../src/crypto/token-cipher.js'
import { type Database, openDatabase } from '../../src/db/database.js'
import type { UserType } from '../../src/db/install-tables.js'
import {
  createOauthServices,
  type OauthServices,
} from '../../src/oauth/oauth-services.js'
import {
  type PlatformStub,
  type StubHandler,
  startPlatformStub,
} from './platform-stub.js'

export const appId = '0123456789abcdef01234567'
export const clientId = `${appId}-testsuf1`

/** Every scope the client's endpoints ask for. */
export const allScopes = [
  'contacts.readonly',
  'contacts.write',
  'locations.readonly',
  'locations/customFields.readonly',
  'users.readonly',
  'custom-menu-link.readonly',
  'custom-menu-link.write',
  'marketplace-installer-details.readonly',
  'charges.readonly',
  'charges.write',
  'oauth.write',
].join(' ')

export interface StoredTokenSeed {
  userType: UserType
  resourceId: string
  companyId?: string
  accessToken: string
  refreshToken?: string
  scope?: string
  expiresAt?: number | null
}

/**
 * A platform stub on 127.0.0.1, the real OAuth services on a fresh SQLite
 * file, and an API client wired to both.
 */
export interface ApiFixture {
  stub: PlatformStub
  database: Database
  oauth: OauthServices
  client: ApiClient
  /** API requests: everything but the OAuth endpoints. */
  apiRequests(): PlatformStub['requests']
  tokenRequests(): PlatformStub['requests']
  [Symbol.asyncDispose](): Promise<void>
}

export async function startApiFixture(options: {
  handler: StubHandler
  tokens?: StoredTokenSeed[]
  client?: Partial<ApiClientOptions>
}): Promise<ApiFixture> {
  const stub = await startPlatformStub(options.handler)
  const database = await openDatabase({ url: tempSqliteUrl() })
  const oauth = createOauthServices({
    database,
    cipher: new TokenCipher(randomBytes(32)),
    client: { clientId, clientSecret: 'test-secret', apiUrl: stub.url },
  })

  for (const seed of options.tokens ?? []) {
    await oauth.tokens.put({
      appId,
      resourceId: seed.resourceId,
      userType: seed.userType,
      companyId:
        seed.companyId ??
        (seed.userType === 'Company' ? seed.resourceId : null),
      locationId: seed.userType === 'Location' ? seed.resourceId : null,
      accessToken: seed.accessToken,
      refreshToken: seed.refreshToken ?? null,
      expiresAt: seed.expiresAt ?? null,
      scope: seed.scope ?? allScopes,
      userId: 'usr_T1',
    })
  }

  const client = new ApiClient({
    appId,
    apiUrl: stub.url,
    tokens: oauth.refresher,
    retry: { baseDelayMs: 1, maxDelayMs: 5, burstJitterMs: 5 },
    ...options.client,
  })

  return {
    stub,
    database,
    oauth,
    client,
    apiRequests: () =>
      stub.requests.filter((r) => !r.path.startsWith('/oauth/')),
    tokenRequests: () =>
      stub.requests.filter((r) => r.path.startsWith('/oauth/')),
    async [Symbol.asyncDispose]() {
      await client.close()
      await stub[Symbol.asyncDispose]()
      await database.close()
    },
  }
}

/** A token endpoint reply with the fields the platform sends. */
export function tokenReply(fields: {
  accessToken: string
  refreshToken: string
  userType: UserType
  locationId?: string
  companyId: string
  scope?: string
}) {
  return {
    status: 200,
    body: {
      access_token: fields.accessToken,
      token_type: 'Bearer',
      expires_in: 86399,
      refresh_token: fields.refreshToken,
      scope: fields.scope ?? allScopes,
      userType: fields.userType,
      companyId: fields.companyId,
      locationId: fields.locationId,
      userId: 'usr_T1',
    },
  }
}

import { randomBytes } from 'node:crypto'
import {
  ApiClient,
  type ApiClientOptions,
  createOauthServices,
  type Database,
  defineApp,
  type OauthServices,
  openDatabase,
  TokenCipher,
} from '@hoopkit/core'
import { tempSqliteUrl } from '@hoopkit/testing'
import {
  type Sandbox,
  type SandboxOptions,
  startSandbox,
} from '../../src/sandbox-server.js'
import type { RegisteredApp } from '../../src/state/entities.js'
import { seedIds } from '../../src/state/seed-data.js'
import { install, type TestPlatform } from '../oauth/oauth-test-helpers.js'

export const apiDeclaration = defineApp({
  name: 'Contact Sync Test',
  description: 'Reads and writes contacts.',
  redirectUri: '/oauth/callback',
  scopes: [
    'contacts.readonly',
    'contacts.write',
    'custom-menu-link.readonly',
    'custom-menu-link.write',
    'locations.readonly',
    'locations/customFields.readonly',
    'users.readonly',
    'marketplace-installer-details.readonly',
    'oauth.readonly',
    'oauth.write',
  ],
  webhook: { url: '/webhooks', events: ['INSTALL', 'UNINSTALL'] },
})

/** The sub-account each seed user installs the app on. */
const installers = {
  [seedIds.harbor]: seedIds.harborUser,
  [seedIds.peak]: seedIds.peakUser,
} as const

/**
 * A sandbox with the test app installed on both seed sub-accounts, and the
 * app's real OAuth services and API client, backed by a SQLite file.
 */
export interface ApiTestPlatform {
  sandbox: Sandbox
  app: RegisteredApp
  database: Database
  oauth: OauthServices
  client: ApiClient
  /** Installs the app on the seed agency and stores its Company token. */
  installAgency(): Promise<void>
  /**
   * Sends a GET with a stored token of the test app, outside the client,
   * with `Version: 2021-07-28` unless `version` is `null`.
   */
  rawGet(
    path: string,
    options?: {
      userType?: 'Company' | 'Location'
      resourceId?: string
      version?: string | null
    },
  ): Promise<Response>
  /** A new client on the same token store, with other options. */
  newClient(options?: Partial<ApiClientOptions>): ApiClient
  [Symbol.asyncDispose](): Promise<void>
}

export async function startApiTestPlatform(
  options: {
    sandbox?: SandboxOptions
    client?: Partial<ApiClientOptions>
    database?: { url: string; key: Buffer }
  } = {},
): Promise<ApiTestPlatform> {
  const sandbox = await startSandbox(options.sandbox)
  const app = sandbox.registerApp(apiDeclaration, {
    publicUrl: 'http://127.0.0.1:9/',
  })
  const platform: TestPlatform = {
    sandbox,
    app,
    webhooks: [],
    close: () => sandbox.close(),
    [Symbol.asyncDispose]: () => sandbox.close(),
  }

  const database = await openDatabase({
    url: options.database?.url ?? tempSqliteUrl(),
  })
  const oauth = createOauthServices({
    database,
    cipher: new TokenCipher(options.database?.key ?? randomBytes(32)),
    client: {
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      apiUrl: sandbox.url,
    },
  })
  for (const [locationId, userId] of Object.entries(installers)) {
    await storeInstall(platform, oauth, locationId, userId)
  }
  // The installs' token calls count against the buckets too; start clean.
  sandbox.context.api.limits.reset()

  const newClient = (extra: Partial<ApiClientOptions> = {}) =>
    new ApiClient({
      appId: app.appId,
      apiUrl: sandbox.url,
      tokens: oauth.refresher,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      ...options.client,
      ...extra,
    })
  const client = newClient()

  const installAgency = async () => {
    const body = await install(platform, {
      userId: seedIds.agencyAdmin,
      target: 'agency',
      locationIds: [],
    })
    await storeToken(platform, oauth, body, seedIds.agencyAdmin)
  }

  const rawGet: ApiTestPlatform['rawGet'] = async (path, request = {}) => {
    const userType = request.userType ?? 'Location'
    const token = await oauth.refresher.accessToken({
      appId: app.appId,
      userType,
      resourceId:
        request.resourceId ??
        (userType === 'Location' ? seedIds.harbor : seedIds.company),
    })
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token.token}`,
    }
    const version =
      request.version === undefined ? '2021-07-28' : request.version
    if (version !== null) {
      headers['Version'] = version
    }
    return fetch(`${sandbox.url}${path}`, { headers })
  }

  return {
    sandbox,
    app,
    database,
    oauth,
    client,
    installAgency,
    rawGet,
    newClient,
    async [Symbol.asyncDispose]() {
      await client.close()
      await sandbox.close()
      await database.close()
    },
  }
}

async function storeInstall(
  platform: TestPlatform,
  oauth: OauthServices,
  locationId: string,
  userId: string,
): Promise<void> {
  const body = await install(platform, { userId, locationIds: [locationId] })
  await storeToken(platform, oauth, body, userId)
}

async function storeToken(
  platform: TestPlatform,
  oauth: OauthServices,
  body: Record<string, unknown>,
  userId: string,
): Promise<void> {
  const userType = body['userType'] === 'Company' ? 'Company' : 'Location'
  const companyId = String(body['companyId'])
  const locationId = userType === 'Location' ? String(body['locationId']) : null
  await oauth.tokens.put({
    appId: platform.app.appId,
    resourceId: locationId ?? companyId,
    userType,
    companyId,
    locationId,
    accessToken: String(body['access_token']),
    refreshToken: String(body['refresh_token']),
    expiresAt: null,
    scope: String(body['scope']),
    userId,
  })
}

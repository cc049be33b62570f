import { randomBytes } from 'node:crypto'
import {
  ApiClient,
  createOauthServices,
  type Database,
  defineApp,
  type OauthServices,
  openDatabase,
  TokenCipher,
} from '@hoopkit/core'
import {
  readBillingRedirect,
  tempPostgresUrl,
  tempSqliteUrl,
} from '@hoopkit/testing'
import type { AppBilling } from '../../src/billing/billing-records.js'
import { sandboxBilling } from '../../src/billing/sandbox-billing.js'
import { type Sandbox, startSandbox } from '../../src/sandbox-server.js'
import type { RegisteredApp } from '../../src/state/entities.js'
import { seedIds } from '../../src/state/seed-data.js'
import {
  type ConsentChoice,
  submitConsent,
  type TestPlatform,
} from '../oauth/oauth-test-helpers.js'

export const paidDeclaration = defineApp({
  name: 'Lead Notes Paid',
  description: 'Scores leads and bills per scored lead.',
  redirectUri: '/oauth/callback',
  scopes: [
    'charges.readonly',
    'charges.write',
    'custom-menu-link.readonly',
    'custom-menu-link.write',
    'oauth.readonly',
    'oauth.write',
  ],
  webhook: { url: '/webhooks', events: ['INSTALL', 'UNINSTALL'] },
})

export const scoreMeter = {
  meterId: 'meter_score_lead',
  meterName: 'Score lead',
  productType: 'workflow_action',
  productName: 'Score lead',
  usageUnit: 'execution',
  priceType: 'fixed',
  fixedPricePerUnit: 0.05,
  minPricePerUnit: 0.05,
  maxPricePerUnit: 0.05,
  executionLimitPerCycle: 1000,
} as const

/** A sandbox with a paid app, and the app's real OAuth services and client. */
export interface BillingPlatform {
  sandbox: Sandbox
  app: RegisteredApp
  database: Database
  oauth: OauthServices
  client: ApiClient
  webhooks: Record<string, unknown>[]
  /** Installs the app on one sub-account and stores its tokens. */
  installLocation(locationId?: string): Promise<void>
  /** Installs the app on the seed agency and stores its Company token. */
  installAgency(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

export async function startBillingPlatform(
  billing: Partial<Omit<AppBilling, 'appId'>> = {},
  /** The app's database. @default a new SQLite file */
  databaseUrl: string = tempSqliteUrl(),
): Promise<BillingPlatform> {
  const sandbox = await startSandbox()
  const app = sandbox.registerApp(paidDeclaration, {
    publicUrl: 'http://127.0.0.1:9/',
  })
  sandboxBilling(sandbox.context).configureApp({
    appId: app.appId,
    billingUrl: null,
    plans: [],
    meters: [{ ...scoreMeter }],
    ...billing,
  })
  // External billing is off by default, as for new apps on the platform.
  sandboxBilling(sandbox.context).behaviour.externalBilling = 'available'
  const webhooks: Record<string, unknown>[] = []
  sandbox.context.events.on('webhook', ({ body }) => webhooks.push(body))

  const database = await openDatabase({ url: databaseUrl })
  const oauth = createOauthServices({
    database,
    cipher: new TokenCipher(randomBytes(32)),
    client: {
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      apiUrl: sandbox.url,
    },
  })
  const client = new ApiClient({
    appId: app.appId,
    apiUrl: sandbox.url,
    tokens: oauth.refresher,
    retry: { baseDelayMs: 1, maxDelayMs: 5, burstJitterMs: 5 },
  })

  const platform: TestPlatform = {
    sandbox,
    app,
    webhooks,
    close: () => sandbox.close(),
    [Symbol.asyncDispose]: () => sandbox.close(),
  }
  const exchange = async (choice: ConsentChoice) => {
    const response = await submitConsent(platform, choice)
    const callback = new URL(await callbackUrlOf(sandbox, response))
    const code = callback.searchParams.get('code') ?? ''
    const outcome = await oauth.callback.handle({ code })
    if (!outcome.ok) {
      throw new Error(
        `install: code exchange failed: ${JSON.stringify(outcome)}`,
      )
    }
  }
  const installLocation = async (locationId: string = seedIds.harbor) => {
    const userId =
      locationId === seedIds.peak ? seedIds.peakUser : seedIds.harborUser
    await exchange({ userId, locationIds: [locationId] })
  }
  const installAgency = () =>
    exchange({ userId: seedIds.agencyAdmin, target: 'agency', locationIds: [] })

  return {
    sandbox,
    app,
    database,
    oauth,
    client,
    webhooks,
    installLocation,
    installAgency,
    async [Symbol.asyncDispose]() {
      await client.close()
      await database.close()
      await sandbox.close()
    },
  }
}

/**
 * Returns the app's callback URL that a consent response leads to: its
 * redirect, or for a paid install the first step of the billing redirect
 * page.
 */
export async function callbackUrlOf(
  sandbox: Sandbox,
  consent: Response,
): Promise<string> {
  const location = consent.headers.get('location') ?? ''
  if (!location.startsWith('/oauth/billing-redirect/')) {
    return location
  }
  const page = await fetch(new URL(location, sandbox.url))
  return readBillingRedirect(await page.text()).callbackUrl
}

/**
 * Starts a billing platform on a new database of one kind. Skips the test
 * and returns `undefined` when the kind is PostgreSQL and no server
 * accepts connections.
 */
export async function startBillingPlatformOn(
  kind: 'sqlite' | 'postgres',
  test: { skip(note?: string): void },
): Promise<BillingPlatform | undefined> {
  const url = kind === 'sqlite' ? tempSqliteUrl() : await tempPostgresUrl()
  if (url === undefined) {
    test.skip('no PostgreSQL server answers')
    return undefined
  }
  return await startBillingPlatform({}, url)
}

import { join } from 'node:path'
import type { ApiDependencies } from '@hoopkit/api'
import {
  type AppDeclaration,
  buildInstallUrl,
  createOauthServices,
  type Database,
  type Logger,
  type OauthServices,
  openDatabase,
  resolveAppUrl,
  TokenCipher,
  type WebhookRuntime,
} from '@hoopkit/core'
import type { WorkflowApp } from '@hoopkit/workflow-actions'
import declaration from '../hoopkit.app.js'
import {
  type BillingServices,
  createBillingServices,
} from './billing/billing-services.js'
import type { BackendEnv } from './env.js'
import { createApiDependencies } from './ui/api-services.js'
import { createUiServices, type UiServices } from './ui/ui-services.js'
import { createWebhookServices } from './webhooks/webhook-services.js'
import { createWorkflowServices } from './workflows/workflow-services.js'

/** Everything the routes use, built once at startup from the environment. */
export interface Services {
  readonly env: Readonly<BackendEnv>
  readonly logger: Logger
  readonly declaration: AppDeclaration
  readonly database: Database
  readonly cipher: TokenCipher
  /** The origin at which the platform and browsers reach the backend. */
  readonly publicUrl: string
  /** Token store, refresher, install records and the OAuth callback. */
  readonly oauth: OauthServices
  /** The platform's consent page for this app, where an install starts. */
  readonly installUrl: string
  /** SSO exchange, session tokens and framing for the UIs. */
  readonly ui: UiServices
  /** The services behind the tRPC procedures at `/trpc`. */
  readonly api: ApiDependencies
  /** The paid plan: Billing URL, wallet charges, plans and menu links. */
  readonly billing: BillingServices
  /** The webhook receiver, inbox worker and install lifecycle. */
  readonly webhooks: WebhookRuntime
  /** Workflow actions and triggers, or null without an action secret. */
  readonly workflows: WorkflowApp | null
  close(): Promise<void>
}

export async function createServices(
  env: Readonly<BackendEnv>,
  logger: Logger,
  listenUrl: string,
): Promise<Services> {
  const databaseUrl =
    env.DATABASE_URL ?? `sqlite:${join(env.HOOPKIT_DATA_DIR, 'app.db')}`
  const database = await openDatabase({ url: databaseUrl, logger })
  const cipher = new TokenCipher(env.HOOPKIT_SECRET_KEY)
  const publicUrl = env.PUBLIC_URL ?? listenUrl
  const redirectUri =
    env.HOOPAI_REDIRECT_URI ?? resolveAppUrl(declaration.redirectUri, publicUrl)
  const oauth = createOauthServices({
    database,
    cipher,
    logger,
    client: {
      clientId: env.HOOPAI_CLIENT_ID,
      clientSecret: env.HOOPAI_CLIENT_SECRET,
      apiUrl: env.HOOPAI_API_URL,
      redirectUri,
      timeoutMs: env.HOOPKIT_OAUTH_TIMEOUT_MS,
      ...(env.HOOPAI_USER_TYPE ? { userType: env.HOOPAI_USER_TYPE } : {}),
    },
  })
  const installUrl = buildInstallUrl({
    clientId: env.HOOPAI_CLIENT_ID,
    redirectUri,
    scopes: declaration.scopes,
    marketplaceUrl: env.HOOPAI_MARKETPLACE_URL,
    ...(env.HOOPAI_APP_VERSION_ID
      ? { versionId: env.HOOPAI_APP_VERSION_ID }
      : {}),
  })

  const ui = createUiServices(env)
  const webhooks = createWebhookServices({ env, database, oauth, logger })

  const api = createApiDependencies({
    env,
    database,
    logger,
    tokens: oauth.refresher,
    ui,
  })
  const billing = createBillingServices({
    declaration,
    database,
    client: api.platform,
    installs: oauth.installs,
    appId: api.appId,
    clientId: env.HOOPAI_CLIENT_ID,
    clientSecret: env.HOOPAI_CLIENT_SECRET,
    apiUrl: env.HOOPAI_API_URL,
    publicUrl,
    confirmCompany: env.HOOPKIT_BILLING_CONFIRM_COMPANY,
    maxAttempts: env.HOOPKIT_BILLING_MAX_ATTEMPTS,
    logger,
  })
  billing.registerHooks({
    tokens: oauth.hooks,
    webhooks: webhooks.handlers,
    cleanup: webhooks.lifecycle.cleanup,
  })

  return {
    env,
    logger,
    declaration,
    database,
    cipher,
    publicUrl,
    oauth,
    installUrl,
    ui,
    api,
    billing,
    workflows: createWorkflowServices({
      env,
      database,
      client: api.platform,
      logger,
      webhooks,
      charges: billing.executions,
    }),
    webhooks,
    close: async () => {
      await webhooks.stop()
      await api.headroom.close()
      await database.close()
    },
  }
}

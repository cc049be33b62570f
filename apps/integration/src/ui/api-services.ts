import {
  type ApiDependencies,
  appSettingsSchema,
  RateLimitHeadroom,
} from '@hoopkit/api'
import {
  ApiClient,
  AppSettingsStore,
  appIdFromClientId,
  createRateLimitStore,
  type Database,
  type Logger,
  type TokenProvider,
} from '@hoopkit/core'
import type { BackendEnv } from '../env.js'
import type { UiServices } from './ui-services.js'

export interface ApiDependenciesInput {
  env: Readonly<BackendEnv>
  database: Database
  logger: Logger
  tokens: TokenProvider
  ui: UiServices
}

/** Builds the platform client and stores that the tRPC procedures use. */
export function createApiDependencies(
  input: ApiDependenciesInput,
): ApiDependencies {
  const appId = appIdFromClientId(input.env.HOOPAI_CLIENT_ID)
  const logger = input.logger.child({ component: 'trpc' })
  const headroom = new RateLimitHeadroom({
    logger,
    store: createRateLimitStore({
      redisUrl: input.env.REDIS_URL,
      database: input.database,
    }),
  })

  return {
    appId,
    database: input.database,
    sessions: input.ui.sessions,
    platform: new ApiClient({
      appId,
      apiUrl: input.env.HOOPAI_API_URL,
      tokens: input.tokens,
      rateLimiter: headroom,
      logger,
    }),
    settings: new AppSettingsStore({
      db: input.database.db,
      appId,
      schema: appSettingsSchema,
    }),
    headroom,
    logger,
  }
}

import type { IncomingHttpHeaders } from 'node:http'
import type {
  ApiClient,
  AppSession,
  AppSettingsStore,
  Database,
  Logger,
  SessionTokens,
} from '@hoopkit/core'
import type { AppSettingsSchema } from './settings/app-settings-schema.js'
import type { RateLimitHeadroom } from './tenant/rate-limit-headroom.js'

/** The services that the procedures use, built once by the backend. */
export interface ApiDependencies {
  readonly appId: string
  readonly database: Database
  readonly sessions: SessionTokens
  /** The platform API client; procedures open a scope per tenant. */
  readonly platform: ApiClient
  readonly settings: AppSettingsStore<AppSettingsSchema>
  /** The platform's last reported rate-limit headers, per bucket. */
  readonly headroom: RateLimitHeadroom
  readonly logger: Logger
}

/** The context of one tRPC request. */
export interface ApiContext {
  readonly deps: ApiDependencies
  /** The request's `Authorization` header, checked by `protectedProcedure`. */
  readonly authorization: string | undefined
  /** Set by `protectedProcedure` once the bearer token is verified. */
  readonly session?: AppSession
}

/** Builds the per-request context from the HTTP request's headers. */
export function createContextFactory(deps: ApiDependencies) {
  return ({ req }: { req: { headers: IncomingHttpHeaders } }): ApiContext => ({
    deps,
    authorization: req.headers.authorization,
  })
}

export type { AppRouter } from './app-router.js'
export { appRouter } from './app-router.js'
export type { ApiContext, ApiDependencies } from './context.js'
export { createContextFactory } from './context.js'
export type {
  BillingSummary,
  ChargeView,
} from './routers/billing-router.js'
export type { ContactView } from './routers/contacts-router.js'
export type { HealthReport, TokenState } from './routers/health-router.js'
export type {
  InstallView,
  RecentWebhookView,
} from './routers/installs-router.js'
export type {
  AppSettings,
  AppSettingsSchema,
} from './settings/app-settings-schema.js'
export { appSettingsSchema } from './settings/app-settings-schema.js'
export type { InstallTenant } from './tenant/install-lookup.js'
export {
  findActiveInstall,
  findWhitelabelDomain,
} from './tenant/install-lookup.js'
export type { BucketHeadroom } from './tenant/rate-limit-headroom.js'
export { RateLimitHeadroom } from './tenant/rate-limit-headroom.js'
export {
  locationInput,
  locationProcedure,
  protectedProcedure,
} from './tenant/session-procedure.js'
export { createCallerFactory, publicProcedure, router } from './trpc.js'

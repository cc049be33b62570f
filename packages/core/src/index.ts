export type { ApiClientOptions } from './api/api-client.js'
export { ApiClient } from './api/api-client.js'
export type { Endpoint, HttpMethod, InjectedParam } from './api/api-endpoint.js'
export type { CallOptions } from './api/api-transport.js'
export { CompanyApi, CustomMenusApi } from './api/company-api.js'
export { ContactsApi } from './api/contacts-api.js'
export type {
  Contact,
  CreateContactBody,
  CreateNoteBody,
  ListContactsQuery,
  Note,
  SearchContactsBody,
  UpdateContactBody,
  UpsertContactBody,
} from './api/endpoints/contact-schemas.js'
export type {
  CreateCustomMenuBody,
  CustomMenu,
  ListCustomMenusQuery,
  UpdateCustomMenuBody,
} from './api/endpoints/custom-menu-endpoints.js'
export type {
  CustomField,
  ListCustomFieldsQuery,
  Location,
} from './api/endpoints/location-endpoints.js'
export type {
  Charge,
  CreateChargeBody,
  InstallationDetails,
  ListChargesQuery,
} from './api/endpoints/marketplace-endpoints.js'
export type { RebillingConfig } from './api/endpoints/rebilling-endpoints.js'
export type { User } from './api/endpoints/user-endpoints.js'
export { ChargesApi, LocationApi } from './api/location-api.js'
export type { RetryMode, RetryPolicyOptions } from './api/retry-policy.js'
export type { ReinstallUrl } from './api/scope-check.js'
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
export type {
  BillingConfirmerOptions,
  ConfirmationResult,
} from './billing/billing-confirmer.js'
export { BillingConfirmer } from './billing/billing-confirmer.js'
export type {
  BillingDeclaration,
  BillingDeclarationInput,
} from './billing/billing-declaration.js'
export {
  billingDeclarationSchema,
  meterDeclarationSchema,
  planDeclarationSchema,
} from './billing/billing-declaration.js'
export type {
  BillingConfirmation,
  BillingPayment,
} from './billing/billing-payment-store.js'
export { BillingPaymentStore } from './billing/billing-payment-store.js'
export type {
  BillingPlan,
  BillingPlanResult,
} from './billing/billing-plan.js'
export { resolveBillingPlan } from './billing/billing-plan.js'
export type {
  BillingQuery,
  BillingRequest,
  BillingRequestResult,
} from './billing/billing-request.js'
export { parseBillingRequest } from './billing/billing-request.js'
export type {
  ChargedExecution,
  ExecutionChargesOptions,
} from './billing/execution-charges.js'
export { ExecutionCharges } from './billing/execution-charges.js'
export type {
  BillingProgress,
  ExternalBillingOptions,
  ExternalBillingResult,
} from './billing/external-billing.js'
export { ExternalBilling } from './billing/external-billing.js'
export type { InstallPlan, InstallTrial } from './billing/install-plans.js'
export { InstallPlans } from './billing/install-plans.js'
export type {
  BillingInstallType,
  InstallTargets,
} from './billing/install-type.js'
export {
  billingInstallTypes,
  parseInstallType,
} from './billing/install-type.js'
export type {
  PaymentAttempt,
  PaymentOutcome,
  PaymentStep,
} from './billing/payment-step.js'
export type { PlanHolder } from './billing/plan-gate.js'
export { hasPlan, requirePlan } from './billing/plan-gate.js'
export type {
  ChargeRequest,
  ChargeResult,
  UsageChargerOptions,
} from './billing/usage-charger.js'
export { UsageCharger } from './billing/usage-charger.js'
export type {
  ChargeClaim,
  WalletCharge,
  WalletChargeInput,
} from './billing/wallet-charge-store.js'
export { WalletChargeStore } from './billing/wallet-charge-store.js'
export type { EnvIntegerOptions } from './config/env-integer.js'
export { envInteger } from './config/env-integer.js'
export type { HoopkitEnv } from './config/hoopkit-config.js'
export {
  defaultApiUrl,
  defaultMarketplaceUrl,
  hoopkitEnvSchema,
  parseEnv,
} from './config/hoopkit-config.js'
export { TokenCipher } from './crypto/token-cipher.js'
export type {
  BillingConfirmationsTable,
  BillingPaymentsTable,
  WalletChargesTable,
} from './db/billing-tables.js'
export type {
  Database,
  DatabaseKind,
  OpenDatabaseOptions,
} from './db/database.js'
export { databaseKind, openDatabase, sqliteFile } from './db/database.js'
export type { HeldLease } from './db/database-lease.js'
export { DatabaseLease } from './db/database-lease.js'
export type {
  InstallStatus,
  InstallsTable,
  TokensTable,
  UserType,
} from './db/install-tables.js'
export type { MenuLinksTable } from './db/menu-tables.js'
export type { DatabaseSchema } from './db/schema.js'
export type { AppSettingsTable } from './db/settings-tables.js'
export type { ErrorCode } from './errors/error-codes.js'
export { errorCodes } from './errors/error-codes.js'
export type { HoopkitErrorOptions } from './errors/hoopkit-error.js'
export { HoopkitError, isHoopkitError } from './errors/hoopkit-error.js'
export type { FrameAncestorsOptions } from './framing/frame-ancestors.js'
export {
  defaultPlatformAppOrigins,
  FrameAncestors,
  whitelabelOrigin,
} from './framing/frame-ancestors.js'
export { endKeepAliveOnClose } from './http/end-keep-alive-on-close.js'
export type { Logger } from './logging/logger.js'
export { silentLogger } from './logging/logger.js'
export type { MenuLink, MenuLinkInput } from './menus/menu-link.js'
export {
  appUrlSchema,
  menuLinkBody,
  menuLinkHash,
  menuLinkKey,
  menuLinkSchema,
} from './menus/menu-link.js'
export { MenuLinkStore } from './menus/menu-link-store.js'
export type {
  MenuLinkSyncOptions,
  MenuSyncSummary,
} from './menus/menu-link-sync.js'
export { MenuLinkSync } from './menus/menu-link-sync.js'
export { toAccessToken } from './oauth/access-token.js'
export type { BulkLocationResult } from './oauth/bulk-installer.js'
export type {
  InstallListFilter,
  InstallRecord,
  InstallWrite,
} from './oauth/install-store.js'
export { InstallStore } from './oauth/install-store.js'
export type { InstallUrlOptions } from './oauth/install-url.js'
export { buildInstallUrl } from './oauth/install-url.js'
export type { InstalledLocation } from './oauth/installed-locations-client.js'
export { InstalledLocationsClient } from './oauth/installed-locations-client.js'
export { LocationTokenClient } from './oauth/location-token-client.js'
export type {
  CallbackFailure,
  CallbackOutcome,
  InstallSummary,
} from './oauth/oauth-callback-handler.js'
export { OauthCallbackHandler } from './oauth/oauth-callback-handler.js'
export type { OauthClientConfig } from './oauth/oauth-client-config.js'
export { appIdFromClientId } from './oauth/oauth-client-config.js'
export type { OauthFailure, OauthFailureKind } from './oauth/oauth-failure.js'
export { classifyOauthFailure } from './oauth/oauth-failure.js'
export type {
  OauthServices,
  OauthServicesOptions,
} from './oauth/oauth-services.js'
export { createOauthServices } from './oauth/oauth-services.js'
export type { TokenEndpointResult } from './oauth/token-endpoint-client.js'
export { TokenEndpointClient } from './oauth/token-endpoint-client.js'
export type { TokenGrant } from './oauth/token-grant.js'
export type {
  AccessToken,
  TokenProvider,
  TokenTarget,
} from './oauth/token-provider.js'
export type { TokenRefresherOptions } from './oauth/token-refresher.js'
export { TokenRefresher } from './oauth/token-refresher.js'
export type { StoredToken, TokenWrite } from './oauth/token-store.js'
export { TokenStore } from './oauth/token-store.js'
export type {
  TokensStoredEvent,
  TokensStoredListener,
} from './oauth/tokens-stored-hooks.js'
export { TokensStoredHooks } from './oauth/tokens-stored-hooks.js'
export { MemoryRateLimitStore } from './rate-limit/memory-rate-limit-store.js'
export { PostgresRateLimitStore } from './rate-limit/postgres-rate-limit-store.js'
export type { RateLimitHeaders } from './rate-limit/rate-limit-headers.js'
export { parseRateLimitHeaders } from './rate-limit/rate-limit-headers.js'
export type {
  AcquireResult,
  BucketLimits,
  RateLimitStore,
  UsedCounts,
} from './rate-limit/rate-limit-store.js'
export type { RateLimitStoreChoice } from './rate-limit/rate-limit-store-factory.js'
export { createRateLimitStore } from './rate-limit/rate-limit-store-factory.js'
export type {
  RateLimitDecision,
  RateLimiterOptions,
  RequestPriority,
} from './rate-limit/rate-limiter.js'
export { RateLimiter } from './rate-limit/rate-limiter.js'
export type { RedisRateLimitStoreOptions } from './rate-limit/redis-rate-limit-store.js'
export { RedisRateLimitStore } from './rate-limit/redis-rate-limit-store.js'
export type {
  AppSettingsStoreOptions,
  SettingsWriteResult,
  StoredSettings,
} from './settings/app-settings-store.js'
export { AppSettingsStore } from './settings/app-settings-store.js'
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
export type { Clock } from './time/clock.js'
export { scaledClock, systemClock } from './time/clock.js'
export type { WebhookPluginOptions } from './webhooks/fastify-webhook-plugin.js'
export { webhookPlugin } from './webhooks/fastify-webhook-plugin.js'
export type {
  InstallLifecycleOptions,
  LifecycleOauth,
} from './webhooks/install-lifecycle.js'
export { InstallLifecycle } from './webhooks/install-lifecycle.js'
export type { NodeWebhookHandlerOptions } from './webhooks/node-webhook-handler.js'
export { createNodeWebhookHandler } from './webhooks/node-webhook-handler.js'
export type {
  PendingInstallsOptions,
  PendingOutcome,
} from './webhooks/pending-installs.js'
export { PendingInstalls } from './webhooks/pending-installs.js'
export type { ReplayCheck } from './webhooks/replay-window.js'
export { checkReplayWindow } from './webhooks/replay-window.js'
export type { CleanupStep } from './webhooks/uninstall-cleanup.js'
export { UninstallCleanup } from './webhooks/uninstall-cleanup.js'
export type { WebhookSkipRule } from './webhooks/uninstalled-event-skip.js'
export { skipUninstalledEvents } from './webhooks/uninstalled-event-skip.js'
export type { WebhookBody } from './webhooks/webhook-body.js'
export { readWebhookBody } from './webhooks/webhook-body.js'
export {
  webhookEnvFields,
  webhookVerifierFromEnv,
} from './webhooks/webhook-env.js'
export type {
  WebhookEvent,
  WebhookEventMap,
  WebhookEventType,
} from './webhooks/webhook-events.js'
export {
  isKnownEventType,
  webhookEventSchemas,
} from './webhooks/webhook-events.js'
export type {
  UnknownWebhookEvent,
  WebhookHandler,
  WebhookHandlerContext,
  WebhookWrite,
} from './webhooks/webhook-handlers.js'
export { WebhookHandlers } from './webhooks/webhook-handlers.js'
export type {
  ClaimOptions,
  InboxEntry,
  InboxEvent,
  InboxLease,
  InsertResult,
} from './webhooks/webhook-inbox.js'
export { minimumRetentionMs, WebhookInbox } from './webhooks/webhook-inbox.js'
export {
  parsePublicKeys,
  platformWebhookPublicKey,
  platformWebhookRsaPublicKey,
} from './webhooks/webhook-public-keys.js'
export type {
  WebhookHandoff,
  WebhookReceiverOptions,
  WebhookReply,
} from './webhooks/webhook-receiver.js'
export { WebhookReceiver } from './webhooks/webhook-receiver.js'
export type { WebhookRouteCheckOptions } from './webhooks/webhook-route-check.js'
export {
  checkWebhookRoute,
  routeCheckHeader,
} from './webhooks/webhook-route-check.js'
export type {
  WebhookRuntime,
  WebhookRuntimeOptions,
} from './webhooks/webhook-runtime.js'
export { createWebhookRuntime } from './webhooks/webhook-runtime.js'
export type {
  HeaderValue,
  VerifyFailureReason,
  VerifyResult,
  WebhookVerifierOptions,
} from './webhooks/webhook-verifier.js'
export {
  legacySignatureHeader,
  signatureHeader,
  WebhookVerifier,
} from './webhooks/webhook-verifier.js'
export type { WebhookWorkerOptions } from './webhooks/webhook-worker.js'
export { WebhookWorker } from './webhooks/webhook-worker.js'
export type { ActionCall } from './workflows/action-call-parser.js'
export type { ActionExecution } from './workflows/action-execution-store.js'
export { ActionExecutionStore } from './workflows/action-execution-store.js'
export type { ActionExecutorOptions } from './workflows/action-executor.js'
export { ActionExecutor } from './workflows/action-executor.js'
export type {
  ActionField,
  ActionFieldType,
  FieldOption,
  FieldValidation,
  RemoteOptions,
} from './workflows/action-field.js'
export { actionFieldTypes } from './workflows/action-field.js'
export type { BranchChoice, ResumeLater } from './workflows/action-outcome.js'
export type { ActionReply } from './workflows/action-reply.js'
export type {
  ActionExtras,
  ActionMeta,
  ActionRequestBody,
} from './workflows/action-request.js'
export { actionRequestSchema } from './workflows/action-request.js'
export type {
  ActionResumerOptions,
  ResumeResult,
} from './workflows/action-resumer.js'
export { ActionResumer, resumeActionPath } from './workflows/action-resumer.js'
export type { ActionSecretOptions } from './workflows/action-secret.js'
export { ActionSecret } from './workflows/action-secret.js'
export type {
  ActionContext,
  ActionDefinition,
  ActionDefinitionInput,
  ActionFields,
  ActionInput,
} from './workflows/define-action.js'
export { defineAction } from './workflows/define-action.js'
export type {
  TriggerDefinition,
  TriggerDefinitionInput,
  TriggerFilterDefinition,
} from './workflows/define-trigger.js'
export { defineTrigger } from './workflows/define-trigger.js'
export type {
  DynamicInput,
  DynamicSection,
} from './workflows/dynamic-section.js'
export { field } from './workflows/field.js'
export type {
  LocationPost,
  LocationPoster,
  LocationPostReply,
  WorkflowsApiSource,
} from './workflows/location-poster.js'
export { apiLocationPoster } from './workflows/location-poster.js'
export type { MarketplaceJsonOptions } from './workflows/marketplace-json.js'
export { workflowMarketplaceJson } from './workflows/marketplace-json.js'
export { defaultActionSecretHeader } from './workflows/secret-header.js'
export { addTriggerCleanup } from './workflows/trigger-cleanup.js'
export type { TriggerFilter } from './workflows/trigger-filter.js'
export { matchesFilters } from './workflows/trigger-filter.js'
export type {
  FireResult,
  TriggerFirerOptions,
} from './workflows/trigger-firer.js'
export { TriggerFirer } from './workflows/trigger-firer.js'
export { TriggerSubscriptionHandler } from './workflows/trigger-subscription-handler.js'
export type { TriggerSubscription } from './workflows/trigger-subscription-store.js'
export { TriggerSubscriptionStore } from './workflows/trigger-subscription-store.js'
export { workflowEnvFields } from './workflows/workflow-env.js'
export type { WorkflowPluginOptions } from './workflows/workflow-plugin.js'
export { workflowPlugin } from './workflows/workflow-plugin.js'
export type {
  WorkflowRuntime,
  WorkflowRuntimeOptions,
} from './workflows/workflow-runtime.js'
export { createWorkflowRuntime } from './workflows/workflow-runtime.js'
export { WorkflowsApi } from './workflows/workflows-api.js'
export type { WorkflowsDeclaration } from './workflows/workflows-declaration.js'
export { workflowsDeclarationSchema } from './workflows/workflows-declaration.js'

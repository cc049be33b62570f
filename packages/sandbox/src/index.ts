export type { ActivityEntry } from './activity-log.js'
export { ActivityLog } from './activity-log.js'
export type { BillingBehaviour } from './billing/billing-behaviour.js'
export { defaultBillingBehaviour } from './billing/billing-behaviour.js'
export type {
  AppBilling,
  BillingConfirmationRecord,
  PendingBillingInstall,
  SubscriptionPlan,
  UsageMeter,
  WalletCharge,
} from './billing/billing-records.js'
export type { PlanChangeRequest } from './billing/plan-change.js'
export { changePlan } from './billing/plan-change.js'
export { SandboxBilling, sandboxBilling } from './billing/sandbox-billing.js'
export {
  platformAppHost,
  platformAppOrigin,
  shellOrigin,
} from './framing/framing-parent.js'
export {
  servedWhitelabelDomain,
  whitelabelOriginOf,
} from './framing/whitelabel-host.js'
export type {
  CustomMenuRecord,
  NavigationView,
} from './menus/menu-records.js'
export { SandboxMenus, sandboxMenus } from './menus/sandbox-menus.js'
export type { RegisterAppOptions } from './oauth/app-registration.js'
export { registerApp } from './oauth/app-registration.js'
export type { ConsentDecision, ConsentOutcome } from './oauth/install-flow.js'
export { InstallFlow } from './oauth/install-flow.js'
export type { Install } from './oauth/install-store.js'
export { InstallStore } from './oauth/install-store.js'
export type {
  AccessTokenRecord,
  RefreshTokenRecord,
} from './oauth/token-store.js'
export { TokenStore } from './oauth/token-store.js'
export type { PlatformBehaviour } from './platform-behaviour.js'
export {
  defaultPlatformBehaviour,
  platformBehaviour,
} from './platform-behaviour.js'
export type { AccessGrant, AuthFailure, SandboxAuth } from './sandbox-auth.js'
export { SandboxClock } from './sandbox-clock.js'
export type { SandboxContext } from './sandbox-context.js'
export type { SandboxEventMap } from './sandbox-events.js'
export { SandboxEvents } from './sandbox-events.js'
export type { SandboxModule } from './sandbox-module.js'
export type { Sandbox, SandboxOptions } from './sandbox-server.js'
export { startSandbox } from './sandbox-server.js'
export type {
  Company,
  Contact,
  Location,
  RegisteredApp,
  User,
} from './state/entities.js'
export { hexId, platformId } from './state/sandbox-ids.js'
export { SandboxState } from './state/sandbox-state.js'
export { seedIds, seedState } from './state/seed-data.js'
export { html, SafeHtml } from './ui/html.js'
export type { NavigationLink, PageOptions } from './ui/layout.js'
export { navigationLinks, renderPage } from './ui/layout.js'
export type { WebhookBehaviour } from './webhooks/webhook-behaviour.js'
export { defaultWebhookBehaviour } from './webhooks/webhook-behaviour.js'
export { webhookBytes } from './webhooks/webhook-bytes.js'
export { WebhookKeys } from './webhooks/webhook-keys.js'
export { webhookSenderOf } from './webhooks/webhook-module.js'
export type {
  DeliveryAttempt,
  DeliveryStatus,
  WebhookDelivery,
} from './webhooks/webhook-sender.js'
export { WebhookSender } from './webhooks/webhook-sender.js'
export {
  SandboxWorkflows,
  sandboxWorkflows,
} from './workflows/sandbox-workflows.js'
export type { WorkflowBehaviour } from './workflows/workflow-behaviour.js'
export { defaultWorkflowBehaviour } from './workflows/workflow-behaviour.js'
export type {
  CallRecord,
  StepRecord,
  Workflow,
  WorkflowRun,
} from './workflows/workflow-records.js'

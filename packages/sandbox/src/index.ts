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
export { WebhookKeys } from './webhooks/webhook-keys.js'

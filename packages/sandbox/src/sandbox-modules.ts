import { billingModule } from './billing/billing-module.js'
import type { SandboxModule } from './sandbox-module.js'

/** Every module of the sandbox, in the order they are registered. */
export const sandboxModules: SandboxModule[] = [billingModule]

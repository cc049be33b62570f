import type { SandboxModule } from './sandbox-module.js'

/** Every module of the sandbox, in the order they are registered. */
export const sandboxModules: SandboxModule[] = []

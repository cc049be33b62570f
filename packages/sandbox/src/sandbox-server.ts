import formbody from '@fastify/formbody'
import type { Logger } from '@hoopkit/core'
import { silentLogger } from '@hoopkit/core'
import Fastify, { type FastifyInstance } from 'fastify'
import { BearerAuth } from './oauth/bearer-auth.js'
import { TokenStore } from './oauth/token-store.js'
import { SandboxClock } from './sandbox-clock.js'
import type { SandboxContext } from './sandbox-context.js'
import { SandboxEvents } from './sandbox-events.js'
import { sandboxModules } from './sandbox-modules.js'
import { SandboxState } from './state/sandbox-state.js'
import { seedState } from './state/seed-data.js'
import { WebhookKeys } from './webhooks/webhook-keys.js'

export interface SandboxOptions {
  /** @default 0, any free port */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
  logger?: Logger
  /** Divides platform durations; see `SandboxClock`. @default 1 */
  timeScale?: number
  /** Starts with the seed agency, sub-accounts, users and contacts. @default true */
  seed?: boolean
}

export interface Sandbox {
  readonly url: string
  readonly context: SandboxContext
  readonly server: FastifyInstance
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

/** Starts the local HoopAI platform on a real HTTP port. */
export async function startSandbox(
  options: SandboxOptions = {},
): Promise<Sandbox> {
  const state = new SandboxState()
  if (options.seed ?? true) {
    seedState(state)
  }

  let url = ''
  const clock = new SandboxClock({ scale: options.timeScale ?? 1 })
  const tokens = new TokenStore()
  const context: SandboxContext = {
    state,
    clock,
    events: new SandboxEvents(),
    logger: options.logger ?? silentLogger,
    auth: new BearerAuth(tokens, clock),
    tokens,
    webhookKeys: new WebhookKeys(),
    baseUrl: () => url,
  }

  const server = Fastify({ bodyLimit: 10 * 1024 * 1024 })
  await server.register(formbody)
  for (const module of sandboxModules) {
    await module(server, context)
  }

  url = await server.listen({
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
  })
  context.logger.info({ url }, 'sandbox started')

  const close = async () => {
    await server.close()
  }
  return { url, context, server, close, [Symbol.asyncDispose]: close }
}

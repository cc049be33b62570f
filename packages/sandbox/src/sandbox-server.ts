import formbody from '@fastify/formbody'
import type { AppDeclaration, Logger } from '@hoopkit/core'
import { silentLogger } from '@hoopkit/core'
import Fastify, { type FastifyInstance } from 'fastify'
import { ActivityLog } from './activity-log.js'
import { createSandboxApi, type SandboxApiOptions } from './api/sandbox-api.js'
import { applyDeclaredBilling } from './billing/declared-billing.js'
import { platformAppOrigin } from './framing/framing-parent.js'
import {
  type RegisterAppOptions,
  registerApp,
} from './oauth/app-registration.js'
import { BearerAuth } from './oauth/bearer-auth.js'
import { InstallFlow } from './oauth/install-flow.js'
import { InstallStore } from './oauth/install-store.js'
import { TokenStore } from './oauth/token-store.js'
import {
  type PlatformBehaviour,
  platformBehaviour,
} from './platform-behaviour.js'
import { SandboxClock } from './sandbox-clock.js'
import type { SandboxContext } from './sandbox-context.js'
import { SandboxEvents } from './sandbox-events.js'
import { sandboxModules } from './sandbox-modules.js'
import { SandboxSnapshotFile } from './sandbox-snapshot.js'
import type { RegisteredApp } from './state/entities.js'
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
  /**
   * Settings for the behaviours that the platform's docs leave open. Each
   * one left out takes the stricter default of `defaultPlatformBehaviour`.
   * @default {}
   */
  platformBehaviour?: Partial<PlatformBehaviour>
  /**
   * A JSON file that keeps registered apps, installs, tokens and custom
   * menu links across restarts. It is loaded at start and written after each change.
   * @default undefined, records stay in memory
   */
  persistFile?: string
  /**
   * Rate-limit settings and faults of the API routes. Both can change at
   * run time through `context.api`.
   * @default the platform's limits and no faults
   */
  api?: SandboxApiOptions
}

export interface Sandbox {
  readonly url: string
  /**
   * The origin that stands for the platform's own app UI, which apps
   * under test take as `HOOPAI_APP_ORIGINS`; see `platformAppOrigin`.
   */
  readonly platformAppOrigin: string
  readonly context: SandboxContext
  readonly server: FastifyInstance
  /** Registers an app from its declaration; see `registerApp`. */
  registerApp(
    declaration: AppDeclaration,
    options: RegisterAppOptions,
  ): RegisteredApp
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
  const flowContext = {
    state,
    clock,
    events: new SandboxEvents(),
    logger: options.logger ?? silentLogger,
    tokens,
    installs: new InstallStore(),
    behaviour: platformBehaviour(options.platformBehaviour),
    activity: new ActivityLog(),
    baseUrl: () => url,
  }
  const context: SandboxContext = {
    ...flowContext,
    auth: new BearerAuth(tokens, clock),
    installFlow: new InstallFlow(flowContext),
    webhookKeys: new WebhookKeys(),
    api: createSandboxApi(clock, options.api),
  }

  const snapshotFile = options.persistFile
    ? new SandboxSnapshotFile(options.persistFile)
    : null
  snapshotFile?.load(context)
  const persist = () => snapshotFile?.save(context)

  // Closing drops open keep-alive connections too, so a browser that is
  // still open cannot hold `close()` for Fastify's 72 s keep-alive timeout.
  const server = Fastify({
    bodyLimit: 10 * 1024 * 1024,
    forceCloseConnections: true,
  })
  await server.register(formbody)
  if (snapshotFile !== null) {
    // Every change to apps, installs and tokens arrives by a POST.
    server.addHook('onResponse', async (request) => {
      if (request.method !== 'GET') {
        persist()
      }
    })
  }
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
    persist()
  }
  return {
    url,
    platformAppOrigin: platformAppOrigin(context.behaviour, url),
    context,
    server,
    registerApp: (declaration, registerOptions) => {
      const app = registerApp(state, declaration, registerOptions)
      applyDeclaredBilling(
        context,
        app.appId,
        declaration,
        registerOptions.publicUrl,
      )
      persist()
      return app
    },
    close,
    [Symbol.asyncDispose]: close,
  }
}

import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { type AddressInfo, createServer } from 'node:net'
import type { PlatformBehaviour } from '@hoopkit/sandbox'
import { startSandbox, webhookSenderOf } from '@hoopkit/sandbox'
import { tempSqliteUrl } from '@hoopkit/testing'
import pino from 'pino'
import { readEnv } from '../src/env.js'
import { buildServer } from '../src/server.js'
import { createServices } from '../src/services.js'
import { type OauthTestBackend, testDeclaration } from './oauth-test-backend.js'

/** Returns a port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  const probe = createServer()
  probe.listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as AddressInfo
  probe.close()
  await once(probe, 'close')
  return port
}

/**
 * Starts the sandbox and a backend that trusts the sandbox's webhook key,
 * as `hoopkit dev` runs them, both on 127.0.0.1.
 */
export async function startWebhookBackend(
  options: {
    platform?: Partial<PlatformBehaviour>
    timeScale?: number
    /** Variables that replace the backend's test environment. */
    env?: Record<string, string>
    /** Registers the app so that installs go through its Billing URL. */
    externalBilling?: boolean
  } = {},
) {
  const sandbox = await startSandbox({
    timeScale: options.timeScale ?? 1000,
    platformBehaviour: {
      webhookDuplicateRate: 0,
      // 10 s in real time whatever the scale, since a loaded test machine
      // can take longer than a scaled 10 ms to reply.
      webhookDeliveryTimeoutSeconds: 10 * (options.timeScale ?? 1000),
      codeLifetimeSeconds: 60 * (options.timeScale ?? 1000), // 60 s real time
      ...options.platform,
    },
  })
  const port = await freePort()
  const publicUrl = `http://127.0.0.1:${port}`
  const app = sandbox.registerApp(testDeclaration(options), { publicUrl })
  const env = readEnv({
    HOOPAI_CLIENT_ID: app.clientId,
    HOOPAI_CLIENT_SECRET: app.clientSecret,
    HOOPAI_APP_VERSION_ID: app.versionId,
    HOOPAI_API_URL: sandbox.url,
    HOOPAI_MARKETPLACE_URL: sandbox.url,
    // The sandbox stands for the platform's app UI too, as in `hoopkit dev`.
    HOOPAI_APP_ORIGINS: sandbox.platformAppOrigin,
    HOOPAI_WEBHOOK_PUBLIC_KEY: sandbox.context.webhookKeys.publicKeyPem,
    HOOPKIT_SECRET_KEY: randomBytes(32).toString('base64'),
    DATABASE_URL: tempSqliteUrl(),
    PUBLIC_URL: publicUrl,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...options.env,
  })
  const logger = pino({ level: 'silent' })
  const services = await createServices(env, logger, publicUrl)
  const server = await buildServer(services, logger)
  await server.listen({ host: '127.0.0.1', port })

  const close = async () => {
    await server.close()
    await services.close()
    await sandbox.close()
  }
  const backend: OauthTestBackend & {
    sender: ReturnType<typeof webhookSenderOf>
  } = {
    sandbox,
    app,
    url: publicUrl,
    services,
    server,
    logLines: [],
    sender: webhookSenderOf(sandbox.context),
    close,
    [Symbol.asyncDispose]: close,
  }
  return backend
}

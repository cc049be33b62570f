import { checkWebhookRoute, isHoopkitError } from '@hoopkit/core'
import pino from 'pino'
import { readEnv } from './env.js'
import { buildServer } from './server.js'
import { createServices } from './services.js'

/**
 * Prints why the backend could not start, in one message without a stack
 * trace for the failures a user fixes in the environment, and exits 1.
 */
function exitOnStartupError(error: unknown): never {
  if (isHoopkitError(error)) {
    console.error(`integration: cannot start: ${error.message}`)
  } else if (isAddressInUse(error)) {
    console.error(
      `integration: cannot start: ${error.message}: stop the process on ` +
        'that port or set PORT to a free one',
    )
  } else {
    console.error('integration: cannot start:', error)
  }
  process.exit(1)
}

function isAddressInUse(error: unknown): error is Error {
  return (
    error instanceof Error &&
    (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
  )
}

const env = (() => {
  try {
    return readEnv()
  } catch (error) {
    return exitOnStartupError(error)
  }
})()
const logger = pino({ level: env.LOG_LEVEL, name: 'integration' })
const listenUrl = `http://${env.HOST}:${env.PORT}`
const services = await createServices(env, logger, listenUrl).catch(
  exitOnStartupError,
)
const server = await buildServer(services, logger).catch(exitOnStartupError)

await server
  .listen({ host: env.HOST, port: env.PORT })
  .catch(exitOnStartupError)
await checkWebhookRoute({ url: webhookRouteUrl() }).catch(exitOnStartupError)

/** Builds the URL of this server's webhook route, reached over loopback. */
function webhookRouteUrl(): string {
  const wildcard = env.HOST === '0.0.0.0' || env.HOST === '::'
  const bare = wildcard ? '127.0.0.1' : env.HOST
  const host = bare.includes(':') ? `[${bare}]` : bare
  const path = new URL(services.declaration.webhook.url, 'http://localhost')
    .pathname
  return new URL(path, `http://${host}:${env.PORT}`).toString()
}

let stopping = false
async function stop(signal: string): Promise<void> {
  if (stopping) {
    return
  }
  stopping = true
  logger.info({ signal }, 'shutting down')
  await server.close()
  await services.close()
  logger.info('stopped')
}

process.once('SIGTERM', () => void stop('SIGTERM'))
process.once('SIGINT', () => void stop('SIGINT'))

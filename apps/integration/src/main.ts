import pino from 'pino'
import { readEnv } from './env.js'
import { buildServer } from './server.js'
import { createServices } from './services.js'

const env = readEnv()
const logger = pino({ level: env.LOG_LEVEL, name: 'integration' })
const listenUrl = `http://${env.HOST}:${env.PORT}`
const services = await createServices(env, logger, listenUrl)
const server = await buildServer(services, logger)

await server.listen({ host: env.HOST, port: env.PORT })

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

import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import { rawBodyUnavailable } from './fastify-webhook-plugin.js'
import {
  isBodyConsumed,
  type RawBodyResult,
  readRawBody,
} from './raw-body-reader.js'
import type { WebhookReceiver, WebhookReply } from './webhook-receiver.js'
import { routeCheckHeader } from './webhook-route-check.js'

export interface NodeWebhookHandlerOptions {
  receiver: WebhookReceiver
  /** The path the handler is mounted at, for error messages. */
  path: string
  logger?: Logger
}

/**
 * A plain Node `(req, res)` webhook handler, for Express, Koa or
 * `node:http`. It must run before any body parser. When one has read the
 * body already, the handler replies 500 at once, naming the path, instead of
 * waiting for bytes that never come or checking a re-serialised object.
 *
 * @example
 * app.post('/webhooks', createNodeWebhookHandler({ receiver, path: '/webhooks' }))
 * app.use(express.json())
 */
export function createNodeWebhookHandler(
  options: NodeWebhookHandlerOptions,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const { receiver, path } = options
  const logger = options.logger ?? silentLogger

  return async (request, response) => {
    if (isBodyConsumed(request)) {
      const error = rawBodyUnavailable(path)
      logger.error({ path, err: error }, 'webhook raw body unavailable')
      send(response, { status: error.status, body: error.toJSON() })
      return
    }

    const raw = await readBodyOrLog(request, receiver.bodyLimitBytes, {
      path,
      logger,
    })
    if (raw === undefined) {
      response.destroy()
      return
    }
    if (raw.ok && request.headers[routeCheckHeader] !== undefined) {
      response.writeHead(204).end()
      return
    }

    const reply = raw.ok
      ? await receiver.receive(raw.body, request.headers)
      : receiver.tooLarge(raw)
    send(response, reply)
  }
}

/**
 * Reads the body, or logs the read error and returns undefined, as when the
 * client disconnects mid-body. Express 4 and `node:http` leave a rejected
 * handler promise unhandled, and Node.js 15 and later then exit by default.
 */
async function readBodyOrLog(
  request: IncomingMessage,
  limitBytes: number,
  context: { path: string; logger: Logger },
): Promise<RawBodyResult | undefined> {
  try {
    return await readRawBody(request, limitBytes)
  } catch (error) {
    context.logger.warn(
      { path: context.path, err: error },
      'webhook request body not read',
    )
    return undefined
  }
}

function send(response: ServerResponse, reply: WebhookReply): void {
  const payload = JSON.stringify(reply.body)
  response.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    // The reader may have stopped before the end of a too-large body.
    ...(reply.status === 413 ? { connection: 'close' } : {}),
  })
  response.end(payload)
}

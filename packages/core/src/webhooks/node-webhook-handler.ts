import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import { rawBodyUnavailable } from './fastify-webhook-plugin.js'
import { isBodyConsumed, readRawBody } from './raw-body-reader.js'
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

    const raw = await readRawBody(request, receiver.bodyLimitBytes)
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

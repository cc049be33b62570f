import type { IncomingMessage } from 'node:http'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import { HoopkitError } from '../errors/hoopkit-error.js'
import { endKeepAliveOnClose } from '../http/end-keep-alive-on-close.js'
import { type RawBodyResult, readRawBody } from './raw-body-reader.js'
import type { WebhookReceiver } from './webhook-receiver.js'
import { routeCheckHeader } from './webhook-route-check.js'

export interface WebhookPluginOptions {
  receiver: WebhookReceiver
  /** The route's path inside the plugin's prefix. @default '/webhooks' */
  path?: string
}

/**
 * Mounts `POST <path>` on a Fastify server. The plugin is encapsulated and
 * replaces every content-type parser inside its own scope with a raw-body
 * reader, so a JSON parser that the host app registered cannot take the
 * bytes first.
 *
 * @example
 * await server.register(webhookPlugin, { receiver, prefix: '/api/v1' })
 */
export const webhookPlugin: FastifyPluginAsync<WebhookPluginOptions> = async (
  instance,
  options,
) => {
  const path = options.path ?? '/webhooks'
  const routePath = `${instance.prefix}${path}`
  const { receiver } = options

  // A reply may wait for a signature thread or the database while the
  // server closes.
  endKeepAliveOnClose(instance)
  instance.removeAllContentTypeParsers()
  instance.addContentTypeParser(
    '*',
    async (request: FastifyRequest, payload: IncomingMessage) => {
      if (request.raw.readableEnded) {
        throw rawBodyUnavailable(routePath)
      }
      return readRawBody(payload, receiver.bodyLimitBytes)
    },
  )

  instance.post(path, async (request, reply) => {
    const raw = request.body as RawBodyResult | undefined
    if (raw === undefined) {
      const empty = await receiver.receive(Buffer.alloc(0), request.headers)
      return reply.code(empty.status).send(empty.body)
    }

    if (!raw.ok) {
      // The reader may have stopped before the end of the body.
      const tooLarge = receiver.tooLarge(raw)
      reply.header('connection', 'close')
      return reply.code(tooLarge.status).send(tooLarge.body)
    }

    if (request.headers[routeCheckHeader] !== undefined) {
      return reply.code(204).send()
    }

    const result = await receiver.receive(raw.body, request.headers)
    return reply.code(result.status).send(result.body)
  })
}

/** Builds the error for a route whose body some earlier code has already read. */
export function rawBodyUnavailable(path: string): HoopkitError {
  return new HoopkitError(
    'WEBHOOK_RAW_BODY_UNAVAILABLE',
    `webhook route ${path}: the request body was already read by another ` +
      'parser, so its signature cannot be checked: mount the webhook ' +
      'handler before any body parser, or use webhookPlugin',
    { details: { path } },
  )
}

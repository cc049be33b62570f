import type { FastifyInstance } from 'fastify'

/**
 * Sends `connection: close` on every reply of `instance` that is sent after
 * `close()` began. Fastify closes only the connections that are idle when
 * it starts closing. A keep-alive connection whose request is still in
 * flight then stays open after its reply, and `close()` waits for the
 * keep-alive timeout, 72 s by default in Fastify 5.
 */
export function endKeepAliveOnClose(instance: FastifyInstance): void {
  let closing = false
  instance.addHook('preClose', async () => {
    closing = true
  })
  instance.addHook('onSend', async (_request, reply) => {
    if (closing) {
      reply.header('connection', 'close')
    }
  })
}

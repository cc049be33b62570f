import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import { Server as TlsServer } from 'node:tls'
import type { FastifyInstance } from 'fastify'

/**
 * Ends the keep-alive connections of `instance` when `close()` begins, so
 * that it does not wait for the keep-alive timeout, 72 s by default in
 * Fastify 5. Node's `server.close()` closes the connections that are idle
 * between two requests. This also destroys the connections that have not
 * sent a request yet, such as the spare ones a browser opens ahead of
 * time. A reply that is still in flight is sent with `connection: close`,
 * so its connection ends after it.
 */
export function endKeepAliveOnClose(instance: FastifyInstance): void {
  let closing = false
  const unused = trackUnusedSockets(instance)

  instance.addHook('preClose', async () => {
    closing = true
    for (const socket of unused) {
      socket.destroy()
    }
  })
  instance.addHook('onSend', async (_request, reply) => {
    if (closing) {
      reply.header('connection', 'close')
    }
  })
}

// The root server and its webhook plugin may both call
// endKeepAliveOnClose, and share one set of sockets.
const unusedByServer = new WeakMap<object, Set<Socket>>()

/**
 * Returns the live sockets of the server that have not carried a request.
 * An HTTP/2 server tracks none, since Fastify closes its sessions itself.
 */
function trackUnusedSockets(instance: FastifyInstance): Set<Socket> {
  const server = instance.server
  const tracked = unusedByServer.get(server)
  if (tracked !== undefined) {
    return tracked
  }

  const unused = new Set<Socket>()
  unusedByServer.set(server, unused)
  if (instance.initialConfig.http2 === true) {
    return unused
  }

  // A TLS server's requests carry the TLS socket, not the TCP one.
  const event = server instanceof TlsServer ? 'secureConnection' : 'connection'
  server.on(event, (socket: Socket) => {
    unused.add(socket)
    socket.once('close', () => unused.delete(socket))
  })
  server.on('request', (request: IncomingMessage) => {
    unused.delete(request.socket)
  })
  return unused
}

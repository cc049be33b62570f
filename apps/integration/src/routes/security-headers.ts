import { FrameAncestors } from '@hoopkit/core'
import type { FastifyInstance } from 'fastify'

const csp = 'content-security-policy'

/**
 * Sends `frame-ancestors 'none'` on every response that has not set its own
 * policy, so only the framed UI routes can be shown inside a frame. The
 * policy replaces `X-Frame-Options`, which is removed from every response:
 * its `ALLOW-FROM` form is ignored by current browsers, and `SAMEORIGIN`
 * would blank the custom page inside the platform.
 */
export function securityHeaders(server: FastifyInstance): void {
  server.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader(csp)) {
      reply.header(csp, FrameAncestors.deniedPolicy)
    }
    reply.removeHeader('x-frame-options')
    reply.header('x-content-type-options', 'nosniff')
    return payload
  })
}

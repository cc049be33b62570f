import type { IncomingHttpHeaders } from 'node:http'
import { defineApp } from '@hoopkit/core'
import Fastify from 'fastify'
import type { PlatformBehaviour } from '../../src/platform-behaviour.js'
import { type Sandbox, startSandbox } from '../../src/sandbox-server.js'

/** One request the test app received, with its raw bytes. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders
  body: Buffer
}

export type ReplyPlan = (
  index: number,
  received: ReceivedWebhook,
) => number | 'hang'

/**
 * A sandbox with one registered app, and a real HTTP server standing in for
 * the app that records each webhook and replies as `plan` says.
 */
export async function startWebhookTestbed(options: {
  behaviour?: Partial<PlatformBehaviour>
  timeScale?: number
  plan?: ReplyPlan
  webhookEvents?: string[]
}) {
  const received: ReceivedWebhook[] = []
  let plan: ReplyPlan = options.plan ?? (() => 200)
  const app = Fastify()
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  )
  app.post('/webhooks', async (request, reply) => {
    const entry = { headers: request.headers, body: request.body as Buffer }
    received.push(entry)
    const status = plan(received.length - 1, entry)
    if (status === 'hang') {
      await new Promise((resolve) => setTimeout(resolve, 2000))
      return reply.code(200).send({})
    }
    return reply.code(status).send({})
  })
  const appUrl = await app.listen({ host: '127.0.0.1', port: 0 })

  const sandbox: Sandbox = await startSandbox({
    timeScale: options.timeScale ?? 1000,
    platformBehaviour: {
      webhookDuplicateRate: 0,
      // Long enough in real time at any test scale; tests of the timeout set it.
      webhookDeliveryTimeoutSeconds: 10 * (options.timeScale ?? 1000),
      ...options.behaviour,
    },
  })
  const registered = sandbox.registerApp(
    defineApp({
      name: 'Webhook test app',
      description: 'Receives sandbox webhooks in tests.',
      redirectUri: '/oauth/callback',
      scopes: ['contacts.readonly'],
      webhook: {
        url: '/webhooks',
        events: options.webhookEvents ?? [
          'INSTALL',
          'UNINSTALL',
          'ContactCreate',
        ],
      },
    }),
    { publicUrl: appUrl },
  )

  const close = async () => {
    await sandbox.close()
    await app.close()
  }
  return {
    sandbox,
    app: registered,
    appUrl,
    received,
    setPlan: (next: ReplyPlan) => {
      plan = next
    },
    close,
    [Symbol.asyncDispose]: close,
  }
}

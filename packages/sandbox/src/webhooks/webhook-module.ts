import type { FastifyInstance } from 'fastify'
import { ContactStore } from '../api/contact-store.js'
import type { SandboxContext } from '../sandbox-context.js'
import type { SandboxModule } from '../sandbox-module.js'
import { navigationLinks } from '../ui/layout.js'
import { signedInUser } from '../ui/signed-in-user.js'
import { sendContactEvent } from './contact-webhooks.js'
import { fixtureBody, fixtureTypes } from './event-fixtures.js'
import {
  triggeredLocation,
  unknownResourceMessage,
} from './trigger-resources.js'
import { renderWebhookLogPage } from './webhook-log-page.js'
import { WebhookSender } from './webhook-sender.js'

type Fields = Record<string, string | undefined>

const senders = new WeakMap<SandboxContext, WebhookSender>()

/** Returns the webhook sender of a running sandbox, for tests and tools. */
export function webhookSenderOf(context: SandboxContext): WebhookSender {
  const sender = senders.get(context)
  if (sender === undefined) {
    throw new Error(
      'webhook sender: none for this sandbox: add webhookModule to sandboxModules',
    )
  }
  return sender
}

/**
 * Delivers the sandbox's webhooks: INSTALL and UNINSTALL from the install
 * flow, contact events when contacts change, and any event on request
 * through `POST /_sandbox/webhooks/trigger`. Adds the webhook log page.
 */
export const webhookModule: SandboxModule = (server, context) => {
  const sender = new WebhookSender(context)
  senders.set(context, sender)
  server.addHook('onClose', async () => sender.close())

  context.events.on('webhook', ({ appId, body }) => {
    sender.send(appId, body)
  })
  context.events.on('contactCreated', (contact) =>
    sendContactEvent(context, sender, 'ContactCreate', contact),
  )
  context.events.on('contactUpdated', (contact) =>
    sendContactEvent(context, sender, 'ContactUpdate', contact),
  )
  context.events.on('contactDeleted', (contact) =>
    sendContactEvent(context, sender, 'ContactDelete', contact),
  )

  apiRoutes(server, context, sender)
  uiRoutes(server, context, sender)
  if (!navigationLinks.some((link) => link.href === '/ui/webhooks')) {
    navigationLinks.push({ href: '/ui/webhooks', label: 'Webhooks' })
  }
}

function apiRoutes(
  server: FastifyInstance,
  context: SandboxContext,
  sender: WebhookSender,
) {
  server.get('/_sandbox/webhooks', async () => ({ deliveries: sender.list() }))

  server.get('/_sandbox/webhooks/public-key', async (_request, reply) =>
    reply.type('application/x-pem-file').send(context.webhookKeys.publicKeyPem),
  )

  server.get('/_sandbox/webhooks/types', async () => ({
    types: fixtureTypes(),
  }))

  server.get('/_sandbox/webhooks/:id', async (request, reply) => {
    const { id } = request.params as { id: string }
    const delivery = sender.get(id)
    return delivery ? { delivery } : reply.code(404).send(notFound(id))
  })

  server.post('/_sandbox/webhooks/:id/resend', async (request, reply) => {
    const { id } = request.params as { id: string }
    const delivery = await sender.resend(id)
    return delivery ? { delivery } : reply.code(404).send(notFound(id))
  })

  server.post('/_sandbox/webhooks/reenable', async (request) => {
    const { url } = (request.body ?? {}) as Fields
    sender.reenable(url ?? '')
    return { url, state: sender.breaker.state(url ?? '') }
  })

  server.post('/_sandbox/webhooks/trigger', async (request, reply) => {
    const result = await trigger(
      context,
      sender,
      (request.body ?? {}) as TriggerInput,
    )
    return reply.code(result.status).send(result.body)
  })
}

interface TriggerInput {
  type?: string
  appId?: string
  locationId?: string
  companyId?: string
  body?: Record<string, unknown>
}

/**
 * Sends one event from a fixture or a given body, and waits for the first
 * reply. A location or company id that the sandbox does not have gets a
 * 400, and the reply names the sub-account that the sent body names.
 */
async function trigger(
  context: SandboxContext,
  sender: WebhookSender,
  input: TriggerInput,
): Promise<{ status: number; body: unknown }> {
  const apps = [...context.state.apps.values()]
  const app = input.appId
    ? context.state.apps.get(input.appId)
    : apps.length === 1
      ? apps[0]
      : undefined
  if (app === undefined) {
    const known = apps.map((entry) => entry.appId).join(', ') || 'none'
    return badRequest(
      `trigger: expected appId of a registered app (${known}), got ${input.appId ?? 'none'}`,
    )
  }

  const unknownResource = unknownResourceMessage(context.state, input)
  if (unknownResource !== undefined) {
    return badRequest(unknownResource)
  }

  const type = input.type ?? ''
  const bodyType = input.body?.['type']
  if (typeof bodyType === 'string' && type !== '' && bodyType !== type) {
    return badRequest(
      `trigger: the body has type ${JSON.stringify(bodyType)}, but the ` +
        `request names ${JSON.stringify(type)}: make them match, or leave ` +
        'type out of the body',
    )
  }

  const body = fixtureBody({
    type,
    app,
    behaviour: context.behaviour,
    ...(input.body ? { body: input.body } : {}),
    ...(input.locationId ? { locationId: input.locationId } : {}),
    ...(input.companyId ? { companyId: input.companyId } : {}),
  })
  if (body === undefined) {
    return badRequest(
      `trigger: no fixture for event type ${JSON.stringify(type)}: pick one of ${fixtureTypes().join(', ')}, or send a body`,
    )
  }

  const delivery = sender.sendTo(app.webhookUrl, app.appId, body, type)
  for (
    let i = 0;
    i < 2000 && delivery.attempts.length === 0 && delivery.status !== 'paused';
    i += 1
  ) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  const location = triggeredLocation(context.state, body)
  return { status: 200, body: { delivery, location } }
}

function uiRoutes(
  server: FastifyInstance,
  context: SandboxContext,
  sender: WebhookSender,
) {
  server.get('/ui/webhooks', (request, reply) => {
    const user = signedInUser(context.state, (request.query as Fields)['as'])
    return reply
      .type('text/html')
      .send(renderWebhookLogPage(context, sender, user))
  })

  server.post('/ui/webhooks/resend', async (request, reply) => {
    const form = (request.body ?? {}) as Fields
    await sender.resend(form['id'] ?? '')
    return reply.redirect(pageUrl(form), 303)
  })

  server.post('/ui/contacts', (request, reply) => {
    const form = (request.body ?? {}) as Fields
    const location = context.state.locations.get(form['locationId'] ?? '')
    if (location === undefined || !form['firstName']) {
      return reply
        .code(400)
        .send(
          badRequest(
            'new contact: expected a known sub-account and a first name',
          ).body,
        )
    }
    new ContactStore(context).create(location.id, {
      firstName: form['firstName'],
      source: 'sandbox form',
      ...(form['lastName'] ? { lastName: form['lastName'] } : {}),
      ...(form['email'] ? { email: form['email'] } : {}),
    })
    return reply.redirect(pageUrl(form), 303)
  })
}

function pageUrl(form: Fields): string {
  return form['as']
    ? `/ui/webhooks?as=${encodeURIComponent(form['as'])}`
    : '/ui/webhooks'
}

function notFound(id: string) {
  return { statusCode: 404, message: `webhook delivery ${id} not found` }
}

function badRequest(message: string) {
  return { status: 400, body: { statusCode: 400, message } }
}

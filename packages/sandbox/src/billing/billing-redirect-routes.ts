import type { FastifyInstance } from 'fastify'
import type { SandboxContext } from '../sandbox-context.js'
import { html } from '../ui/html.js'
import { renderPage } from '../ui/layout.js'
import { renderBillingRedirectPage } from './billing-redirect-page.js'
import { sandboxBilling } from './sandbox-billing.js'

/**
 * Serves the page that the consent of a paid app with a Billing URL
 * redirects to, `GET /oauth/billing-redirect/{id}`, and its
 * `GET /oauth/billing-redirect/{id}/status`, which returns
 * `{codeExchanged}` for the page's script.
 */
export function billingRedirectRoutes(
  server: FastifyInstance,
  context: SandboxContext,
): void {
  const redirects = sandboxBilling(context).redirects

  server.get('/oauth/billing-redirect/:id', (request, reply) => {
    const { id } = request.params as { id: string }
    const redirect = redirects.get(id)
    if (redirect === undefined) {
      context.logger.info({ id }, 'billing redirect not found')
      return reply.code(404).type('text/html').send(notFoundPage(id))
    }
    return reply
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .type('text/html')
      .send(renderBillingRedirectPage(redirect))
  })

  server.get('/oauth/billing-redirect/:id/status', (request, reply) => {
    const { id } = request.params as { id: string }
    const redirect = redirects.get(id)
    if (redirect === undefined) {
      context.logger.info({ id }, 'billing redirect status not found')
      return reply.code(404).send({
        statusCode: 404,
        message: `Billing redirect ${id} not found`,
      })
    }
    const exchanges = context.installFlow.codes.exchangesOf(redirect.code)
    return reply
      .header('cache-control', 'no-store')
      .send({ codeExchanged: (exchanges ?? 0) > 0 })
  })
}

function notFoundPage(id: string): string {
  const body = html`<section class="card error">
<p>No install waits for billing under <code>${id}</code>. The sandbox keeps
these in memory, so a restart drops them: install the app again from the
sandbox UI.</p></section>`
  return renderPage({ title: 'Billing redirect not found', body })
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  renderBillingResult,
  renderPaymentPage,
} from '../billing/billing-page.js'
import { escapeHtml, renderPage } from '../oauth/page-layout.js'
import type { Services } from '../services.js'

const htmlType = 'text/html; charset=utf-8'

/**
 * Serves the app's Billing URL. `GET /billing` checks the platform's query
 * and shows the payment form. `POST /billing` takes the payment and
 * confirms it for each location, and for the company when configured.
 */
export async function billingRoutes(
  server: FastifyInstance,
  services: Services,
): Promise<void> {
  await server.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_request, body, done) => done(null, new URLSearchParams(String(body))),
    )
    billingPage(scope, services)
  })
}

function billingPage(server: FastifyInstance, services: Services): void {
  server.get('/billing', async (request, reply) => {
    const query = queryOf(request)
    const parsed = services.billing.external.parse(query)
    noStore(reply)
    if (!parsed.ok) {
      services.logger.warn(
        { reqId: request.id, code: parsed.error.code },
        'billing request rejected',
      )
      return reply
        .code(parsed.error.status)
        .type(htmlType)
        .send(errorPage(parsed.error.message))
    }

    // A reload after paying shows the outcome instead of a second form.
    const progress = await services.billing.external.progress(parsed.request)
    if (!progress.ok) {
      services.logger.warn(
        { reqId: request.id, code: progress.error.code },
        'billing plan not found',
      )
      return reply
        .code(progress.error.status)
        .type(htmlType)
        .send(errorPage(progress.error.message))
    }
    return reply.type(htmlType).send(
      renderPaymentPage({
        appName: services.declaration.name,
        request: parsed.request,
        progress,
      }),
    )
  })

  server.post('/billing', async (request, reply) => {
    const form = formOf(request)
    const result = await services.billing.external.handle(form, {
      cardNumber: form.get('cardNumber') ?? '',
    })
    noStore(reply)
    form.delete('cardNumber')
    const retryUrl = `/billing?${form.toString()}`
    const status = result.ok ? 200 : result.error.status
    return reply
      .code(status)
      .type(htmlType)
      .send(renderBillingResult(services.declaration.name, result, retryUrl))
  })
}

function queryOf(request: FastifyRequest): URLSearchParams {
  const url = new URL(request.url, 'http://127.0.0.1')
  return url.searchParams
}

function formOf(request: FastifyRequest): URLSearchParams {
  return request.body instanceof URLSearchParams
    ? new URLSearchParams(request.body)
    : new URLSearchParams()
}

function errorPage(message: string): string {
  return renderPage(
    'Billing request rejected',
    `<p class="error">${escapeHtml(message)}</p>`,
  )
}

// The page shows install details and outcomes, which no cache should keep.
function noStore(reply: FastifyReply): void {
  void reply.header('cache-control', 'no-store')
}

import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { SandboxContext } from '../sandbox-context.js'
import { sandboxBilling } from './sandbox-billing.js'

const confirmationSchema = z
  .object({
    clientId: z.string().min(1),
    authType: z.enum(['location', 'company']),
    locationId: z.string().min(1).optional(),
    companyId: z.string().min(1).optional(),
    subscriptionId: z.string().min(1).optional(),
    paymentId: z.string().min(1).optional(),
    amount: z.number().nonnegative(),
    status: z.enum(['COMPLETED', 'FAILED']),
    paymentType: z.enum(['one_time', 'recurring']),
  })
  .refine((body) => body.authType !== 'location' || body.locationId, {
    message: 'locationId should not be empty',
  })
  .refine((body) => body.authType !== 'company' || body.companyId, {
    message: 'companyId should not be empty',
  })

/**
 * `POST /oauth/billing/webhook`: an app confirms the outcome of its
 * external billing for one location or company, with its client key and
 * secret in headers. The reply is `{success:true}`.
 */
export async function billingWebhookRoutes(
  server: FastifyInstance,
  context: SandboxContext,
): Promise<void> {
  await server.register(async (scope) => {
    keepRawJson(scope)
    confirmationRoute(scope, context)
  })
}

/** Parses JSON bodies into `{raw, json}`, so the exact bytes are kept. */
function keepRawJson(scope: FastifyInstance): void {
  scope.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (_request, body, done) => {
      try {
        done(null, { raw: body, json: JSON.parse(String(body)) })
      } catch (error) {
        done(error as Error, undefined)
      }
    },
  )
}

function confirmationRoute(scope: FastifyInstance, context: SandboxContext) {
  const billing = sandboxBilling(context)

  scope.post('/oauth/billing/webhook', async (request, reply) => {
    const clientId = request.headers['x-ghl-client-key']
    const secret = request.headers['x-ghl-client-secret']
    const app =
      typeof clientId === 'string'
        ? context.state.appByClientId(clientId)
        : undefined
    if (app === undefined || secret !== app.clientSecret) {
      return reply.code(401).send({
        statusCode: 401,
        message: 'Invalid client credentials',
        error: 'Unauthorized',
      })
    }

    // The key that the request sent, which found the app.
    const clientKey = String(clientId)
    const received = request.body as { raw: string; json: unknown } | null
    const parsed = confirmationSchema.safeParse(received?.json)
    const rawBody = received?.raw ?? ''
    if (!parsed.success || parsed.data.clientId !== app.clientId) {
      billing.requests.push({
        clientKey,
        rawBody,
        statusCode: 422,
      })
      const messages = parsed.success
        ? ['clientId must match x-ghl-client-key']
        : parsed.error.issues.map((issue) => issue.message)
      return reply.code(422).send({
        statusCode: 422,
        message: messages,
        error: 'Unprocessable Entity',
      })
    }

    const body = parsed.data
    const resourceId =
      body.authType === 'location' ? body.locationId : body.companyId
    const injected = billing.takeInjectedFailure(resourceId ?? '')
    if (injected !== undefined) {
      billing.requests.push({
        clientKey,
        rawBody,
        statusCode: injected,
      })
      return reply
        .code(injected)
        .send({ statusCode: injected, message: 'Internal server error' })
    }

    billing.requests.push({ clientKey, rawBody, statusCode: 200 })
    await billing.recordConfirmation({
      appId: app.appId,
      clientId: app.clientId,
      authType: body.authType,
      resourceId: resourceId ?? '',
      status: body.status,
      amount: body.amount,
      paymentType: body.paymentType,
      paymentId: body.paymentId ?? null,
      subscriptionId: body.subscriptionId ?? null,
      rawBody,
      receivedAt: new Date(context.clock.now()).toISOString(),
    })
    context.logger.info(
      {
        appId: app.appId,
        authType: body.authType,
        resourceId,
        status: body.status,
      },
      'billing confirmation received',
    )
    return reply.send({ success: true })
  })
}

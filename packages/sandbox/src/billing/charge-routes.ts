import type { FastifyInstance, FastifyReply } from 'fastify'
import { z } from 'zod'
import { routeGrant } from '../routes/route-grant.js'
import type { SandboxContext } from '../sandbox-context.js'
import { platformId } from '../state/sandbox-ids.js'
import type { UsageMeter, WalletCharge } from './billing-records.js'
import { type SandboxBilling, sandboxBilling } from './sandbox-billing.js'

const chargeBody = z.object({
  appId: z.string().min(1),
  meterId: z.string().min(1),
  eventId: z.string().min(1),
  locationId: z.string().min(1),
  companyId: z.string().min(1),
  description: z.string().min(1),
  units: z.number().positive(),
  price: z.number().nonnegative().optional(),
  userId: z.string().optional(),
  eventTime: z.string().optional(),
})
type ChargeBody = z.infer<typeof chargeBody>

const listQuery = z.object({
  meterId: z.string().optional(),
  eventId: z.string().optional(),
  userId: z.string().optional(),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  skip: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(10),
})

const notFound = { statusCode: 404, message: 'Charge not found' }
const readScopes = ['charges.readonly', 'charges.write']
const writeScopes = ['charges.write']

/**
 * The wallet charge routes under `/marketplace/billing/charges`. They take
 * a Location token and need no `Version` header, since the spec pins none.
 */
export function chargeRoutes(
  server: FastifyInstance,
  context: SandboxContext,
): void {
  const billing = sandboxBilling(context)
  const guard = (scopes: string[]) => ({
    userType: 'Location' as const,
    scopes,
    version: null,
  })

  server.get(
    '/marketplace/billing/charges/has-funds',
    async (request, reply) => {
      const grant = routeGrant(request, reply, context, guard(readScopes))
      if (grant === null) {
        return reply
      }
      return { hasFunds: billing.balance(grant.locationId ?? '') > 0 }
    },
  )

  server.post('/marketplace/billing/charges', async (request, reply) => {
    const grant = routeGrant(request, reply, context, guard(writeScopes))
    if (grant === null) {
      return reply
    }

    const parsed = chargeBody.safeParse(request.body)
    if (!parsed.success) {
      return reply.code(422).send({
        statusCode: 422,
        message: parsed.error.issues.map(
          (issue) => `${issue.path.join('.')} ${issue.message}`,
        ),
        error: 'Unprocessable Entity',
      })
    }

    const body = parsed.data
    const mismatch =
      body.appId !== grant.appId ||
      body.locationId !== grant.locationId ||
      body.companyId !== grant.companyId
    if (mismatch) {
      return reply.code(400).send({
        statusCode: 400,
        message: 'appId, locationId and companyId must match the token',
      })
    }
    return createCharge(context, billing, body, reply)
  })

  server.get('/marketplace/billing/charges', async (request, reply) => {
    const grant = routeGrant(request, reply, context, guard(readScopes))
    if (grant === null) {
      return reply
    }

    const query = listQuery.parse(request.query ?? {})
    const matching = billing
      .chargesOf(grant.appId, grant.locationId ?? '')
      .filter((charge) => matchesQuery(charge, query))
    const page = matching.slice(query.skip, query.skip + query.limit)
    return {
      charges: page,
      count: matching.length,
      pagination: {
        total: matching.length,
        skip: query.skip,
        limit: query.limit,
      },
    }
  })

  server.get(
    '/marketplace/billing/charges/:chargeId',
    async (request, reply) => {
      const grant = routeGrant(request, reply, context, guard(readScopes))
      if (grant === null) {
        return reply
      }

      const { chargeId } = request.params as { chargeId: string }
      const charge = billing.charges.get(chargeId)
      if (charge === undefined || !ownedBy(charge, grant)) {
        return reply.code(404).send(notFound)
      }
      return charge
    },
  )

  server.delete(
    '/marketplace/billing/charges/:chargeId',
    async (request, reply) => {
      const grant = routeGrant(request, reply, context, guard(writeScopes))
      if (grant === null) {
        return reply
      }

      const { chargeId } = request.params as { chargeId: string }
      const charge = billing.charges.get(chargeId)
      if (
        charge === undefined ||
        !ownedBy(charge, grant) ||
        charge.transactionType !== 'charge'
      ) {
        return reply.code(404).send(notFound)
      }
      if (charge.refunded) {
        return reply
          .code(400)
          .send({ statusCode: 400, message: 'Charge is already refunded' })
      }

      refund(context, billing, charge)
      return { success: true }
    },
  )
}

function createCharge(
  context: SandboxContext,
  billing: SandboxBilling,
  body: ChargeBody,
  reply: FastifyReply,
) {
  if (billing.behaviour.dedupeChargesByEventId) {
    const earlier = billing
      .chargesOf(body.appId, body.locationId)
      .find((charge) => charge.meta.eventId === body.eventId)
    if (earlier !== undefined) {
      return reply.code(201).send({ success: true, chargeId: earlier.chargeId })
    }
  }

  const meter = billing
    .appBilling(body.appId)
    ?.meters.find((candidate) => candidate.meterId === body.meterId)
  if (meter === undefined) {
    return reply.code(400).send({
      statusCode: 400,
      message: `Meter ${body.meterId} not found for this app`,
    })
  }

  const price = pricePerUnit(meter, body.price)
  if (price === null) {
    return reply.code(400).send({
      statusCode: 400,
      message:
        `price must be between ${meter.minPricePerUnit} and ` +
        `${meter.maxPricePerUnit} for meter ${meter.meterId}`,
    })
  }

  const amount = roundAmount(price * body.units)
  if (amount > billing.balance(body.locationId)) {
    return reply
      .code(400)
      .send({ statusCode: 400, message: 'Insufficient funds in the wallet' })
  }

  const failure = billing.takeChargeFailure(body.locationId)
  if (failure !== undefined && !failure.afterCharge) {
    return reply
      .code(failure.status)
      .send({ statusCode: failure.status, message: 'Internal server error' })
  }

  const charge = recordCharge(context, billing, { body, price, amount })
  if (failure !== undefined) {
    return reply
      .code(failure.status)
      .send({ statusCode: failure.status, message: 'Internal server error' })
  }
  return reply.code(201).send({ success: true, chargeId: charge.chargeId })
}

function recordCharge(
  context: SandboxContext,
  billing: SandboxBilling,
  charge: { body: ChargeBody; price: number; amount: number },
): WalletCharge {
  const { body, price, amount } = charge
  const now = new Date(context.clock.now()).toISOString()
  const record: WalletCharge = {
    chargeId: platformId(),
    appId: body.appId,
    meterId: body.meterId,
    entityType: 'location',
    entityId: body.locationId,
    companyId: body.companyId,
    units: body.units,
    pricePerUnit: price,
    amountCharged: amount,
    currency: 'USD',
    transactionType: 'charge',
    refunded: false,
    meta: {
      eventId: body.eventId,
      description: body.description,
      eventTime: body.eventTime ?? now,
      ...(body.userId === undefined ? {} : { userId: body.userId }),
    },
    createdAt: now,
    updatedAt: now,
  }
  billing.charges.set(record.chargeId, record)
  billing.setBalance(
    body.locationId,
    roundAmount(billing.balance(body.locationId) - amount),
  )
  context.logger.info(
    { chargeId: record.chargeId, eventId: body.eventId, amount },
    'wallet charged',
  )
  return record
}

function refund(
  context: SandboxContext,
  billing: SandboxBilling,
  charge: WalletCharge,
): void {
  const now = new Date(context.clock.now()).toISOString()
  charge.refunded = true
  charge.updatedAt = now
  billing.charges.set(charge.chargeId, charge)

  const refundRecord: WalletCharge = {
    ...charge,
    chargeId: platformId(),
    transactionType: 'refund',
    refunded: false,
    meta: { ...charge.meta },
    createdAt: now,
    updatedAt: now,
  }
  billing.charges.set(refundRecord.chargeId, refundRecord)
  billing.setBalance(
    charge.entityId,
    roundAmount(billing.balance(charge.entityId) + charge.amountCharged),
  )
}

/** The price per unit of a charge, or `null` when a dynamic price is out of range. */
function pricePerUnit(meter: UsageMeter, price: number | undefined) {
  if (meter.priceType === 'fixed') {
    return meter.fixedPricePerUnit
  }
  if (
    price === undefined ||
    price < meter.minPricePerUnit ||
    price > meter.maxPricePerUnit
  ) {
    return null
  }
  return price
}

function matchesQuery(
  charge: WalletCharge,
  query: z.infer<typeof listQuery>,
): boolean {
  const time = Date.parse(charge.createdAt)
  return (
    (query.meterId === undefined || charge.meterId === query.meterId) &&
    (query.eventId === undefined || charge.meta.eventId === query.eventId) &&
    (query.userId === undefined || charge.meta.userId === query.userId) &&
    (query.startDate === undefined || time >= Date.parse(query.startDate)) &&
    (query.endDate === undefined || time <= Date.parse(query.endDate))
  )
}

function ownedBy(
  charge: WalletCharge,
  grant: { appId: string; locationId: string | null },
): boolean {
  return charge.appId === grant.appId && charge.entityId === grant.locationId
}

/** Rounds to 5 decimal places, the precision of meter prices such as 0.01001. */
function roundAmount(amount: number): number {
  return Math.round(amount * 100_000) / 100_000
}

import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { sandboxBilling } from '../../src/billing/sandbox-billing.js'
import { seedIds } from '../../src/state/seed-data.js'
import {
  type BillingPlatform,
  scoreMeter,
  startBillingPlatform,
} from './billing-test-platform.js'

let platform: BillingPlatform
let token: string

async function call(
  method: string,
  path: string,
  body?: Record<string, unknown>,
  bearer = token,
) {
  const response = await fetch(`${platform.sandbox.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${bearer}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  }
}

function chargeBody(eventId: string) {
  return {
    appId: platform.app.appId,
    meterId: scoreMeter.meterId,
    eventId,
    locationId: seedIds.harbor,
    companyId: seedIds.company,
    description: 'Scored a lead',
    units: 1,
  }
}

beforeEach(async () => {
  platform = await startBillingPlatform()
  await platform.installLocation(seedIds.harbor)
  const stored = await platform.oauth.tokens.get(
    platform.app.appId,
    seedIds.harbor,
  )
  token = stored?.accessToken ?? ''
})

afterEach(async () => {
  await platform[Symbol.asyncDispose]()
})

describe('sandbox charge routes', () => {
  test('repeated eventId charges twice by default', async () => {
    const first = await call(
      'POST',
      '/marketplace/billing/charges',
      chargeBody('evt_1'),
    )
    const second = await call(
      'POST',
      '/marketplace/billing/charges',
      chargeBody('evt_1'),
    )

    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.body['chargeId']).not.toBe(first.body['chargeId'])
  })

  test('dedupe setting returns first charge', async () => {
    sandboxBilling(platform.sandbox.context).behaviour.dedupeChargesByEventId =
      true

    const first = await call(
      'POST',
      '/marketplace/billing/charges',
      chargeBody('evt_2'),
    )
    const second = await call(
      'POST',
      '/marketplace/billing/charges',
      chargeBody('evt_2'),
    )

    expect(second.body['chargeId']).toBe(first.body['chargeId'])
  })

  test('has-funds follows wallet balance', async () => {
    const billing = sandboxBilling(platform.sandbox.context)
    const funded = await call('GET', '/marketplace/billing/charges/has-funds')
    billing.setBalance(seedIds.harbor, 0)
    const empty = await call('GET', '/marketplace/billing/charges/has-funds')

    expect(funded.body).toEqual({ hasFunds: true })
    expect(empty.body).toEqual({ hasFunds: false })
  })

  test('charge above balance gets 400', async () => {
    sandboxBilling(platform.sandbox.context).setBalance(seedIds.harbor, 0.01)

    const result = await call(
      'POST',
      '/marketplace/billing/charges',
      chargeBody('evt_3'),
    )

    expect(result.status).toBe(400)
    expect(result.body).toEqual({
      statusCode: 400,
      message: 'Insufficient funds in the wallet',
    })
  })

  test('unknown charge gets 404', async () => {
    const result = await call('GET', '/marketplace/billing/charges/nope')

    expect(result.status).toBe(404)
    expect(result.body).toEqual({
      statusCode: 404,
      message: 'Charge not found',
    })
  })

  test('invalid token gets 401', async () => {
    const result = await call(
      'GET',
      '/marketplace/billing/charges/has-funds',
      undefined,
      'not-a-token',
    )

    expect(result.status).toBe(401)
    expect(result.body['message']).toBe(
      'Invalid token: access token is invalid',
    )
  })

  test('missing field gets 422', async () => {
    const { units: _units, ...body } = chargeBody('evt_4')

    const result = await call('POST', '/marketplace/billing/charges', body)

    expect(result.status).toBe(422)
    expect(result.body['error']).toBe('Unprocessable Entity')
  })

  test('rebilling config lists plans and meters', async () => {
    const path =
      `/marketplace/app/${platform.app.appId}/rebilling-config/location/` +
      seedIds.harbor
    const response = await fetch(`${platform.sandbox.url}${path}`, {
      headers: { authorization: `Bearer ${token}`, version: '2021-07-28' },
    })
    const body = (await response.json()) as {
      plans: { usage: { meterId: string }[] }
    }

    expect(response.status).toBe(200)
    expect(body.plans.usage.map((meter) => meter.meterId)).toEqual([
      scoreMeter.meterId,
    ])
  })

  test('client reads rebilling config', async () => {
    const config = await platform.client
      .location(seedIds.harbor)
      .getRebillingConfig()

    expect(config.plans.usage?.[0]?.meterId).toBe(scoreMeter.meterId)
    expect(config.plans.usage?.[0]?.fixedPricePerUnit).toBe(0.05)
  })
})

import { isHoopkitError } from '@hoopkit/core'
import { describe, expect, test } from 'vitest'
import { sandboxBilling } from '../../src/billing/sandbox-billing.js'
import { seedIds } from '../../src/state/seed-data.js'
import {
  scoreMeter,
  startBillingPlatform,
} from '../billing/billing-test-platform.js'

describe('ChargesApi on sandbox', () => {
  // The sandbox refunds a deleted charge and keeps it, so it can be read.
  test('charges round trip', async () => {
    await using platform = await startBillingPlatform()
    await platform.installLocation(seedIds.harbor)
    sandboxBilling(platform.sandbox.context).setBalance(seedIds.harbor, 5)
    const charges = platform.client.location(seedIds.harbor).charges

    const funds = await charges.hasFunds()
    const created = await charges.create({
      meterId: scoreMeter.meterId,
      eventId: 'evt_api_1',
      companyId: seedIds.company,
      description: 'Scored 2 leads',
      units: 2,
    })
    const listed = await charges.list({ eventId: 'evt_api_1' })
    const read = await charges.get(created.chargeId)
    const deleted = await charges.delete(created.chargeId)
    const refunded = await charges.get(created.chargeId)
    const missing = await charges
      .get('ch_missing')
      .catch((error: unknown) => error)

    expect(funds.hasFunds).toBe(true)
    expect(listed.charges.map((charge) => charge.chargeId)).toEqual([
      created.chargeId,
    ])
    expect(read.units).toBe(2)
    expect(read.entityId).toBe(seedIds.harbor)
    expect(deleted.success).toBe(true)
    expect(refunded.refunded).toBe(true)
    expect(isHoopkitError(missing, 'API_REQUEST_FAILED')).toBe(true)
    expect(
      (missing as { details: Record<string, unknown> }).details,
    ).toMatchObject({
      status: 404,
      platformMessage: 'Charge not found',
    })
  })
})

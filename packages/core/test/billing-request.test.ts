import { errorResult, okResult } from '@hoopkit/testing'
import { describe, expect, test } from 'vitest'
import { parseBillingRequest } from '../src/billing/billing-request.js'
import { parseInstallType } from '../src/billing/install-type.js'

describe('parseInstallType', () => {
  test.each([
    ['location', 'location', false, true],
    ['agency', 'agency', true, false],
    ['agency,location', 'agency,location', true, true],
    ['location,agency', 'agency,location', true, true],
    [' Agency , Location ', 'agency,location', true, true],
  ])('reads %j', (value, type, agency, location) => {
    expect(parseInstallType(value)).toEqual({
      type,
      targets: { agency, location },
    })
  })

  test.each(['', ',', 'company', 'agency,company', 'Location;Agency'])(
    'rejects %j',
    (value) => {
      expect(parseInstallType(value)).toBeNull()
    },
  )
})

describe('parseBillingRequest', () => {
  const clientId = 'app_T1-x'

  test('splits comma-separated location ids', () => {
    const result = parseBillingRequest(
      {
        clientId,
        installType: 'agency,location',
        companyId: 'cmp_T1',
        locationId: 'loc_A1,loc_B2',
      },
      clientId,
    )

    expect(result.ok).toBe(true)
    expect(okResult(result).request.locationIds).toEqual(['loc_A1', 'loc_B2'])
    expect(okResult(result).request.targets).toEqual({
      agency: true,
      location: true,
    })
  })

  test('merges repeated locationId parameters', () => {
    const query = new URLSearchParams(
      'clientId=app_T1-x&installType=location&locationId=loc_A1' +
        '&locationId=loc_B2,loc_A1',
    )

    const result = parseBillingRequest(query, clientId)

    expect(okResult(result).request.locationIds).toEqual(['loc_A1', 'loc_B2'])
  })

  test('compares client id as opaque string', () => {
    const hexClientId = '6578278e879ad2646715ba9c-m2z8g5h1'
    const query = { clientId: hexClientId, installType: 'location' }

    const result = parseBillingRequest(
      { ...query, locationId: 'loc_A1' },
      hexClientId,
    )

    expect(result.ok).toBe(true)
  })

  test('rejects missing client id', () => {
    const result = parseBillingRequest(
      { installType: 'location', locationId: 'loc_A1' },
      clientId,
    )

    expect(errorResult(result).error.code).toBe('BILLING_CLIENT_MISMATCH')
    expect(errorResult(result).error.message).toBe(
      'billing: the query has no clientId, expected app_T1-x: open the ' +
        'Billing URL from the install, which adds clientId, installType ' +
        'and the install ids',
    )
  })

  test('client id mismatch names HOOPAI_CLIENT_ID', () => {
    const result = parseBillingRequest(
      { clientId: 'app_Z9-y', installType: 'location', locationId: 'loc_A1' },
      clientId,
    )

    expect(errorResult(result).error.code).toBe('BILLING_CLIENT_MISMATCH')
    expect(errorResult(result).error.message).toContain('"app_Z9-y"')
    expect(errorResult(result).error.message).toContain('HOOPAI_CLIENT_ID')
  })

  test('rejects location install without locations', () => {
    const result = parseBillingRequest(
      { clientId, installType: 'location', locationId: ' , ' },
      clientId,
    )

    expect(errorResult(result).error.code).toBe('BILLING_REQUEST_INVALID')
    expect(errorResult(result).error.status).toBe(400)
  })

  test('rejects agency install without company', () => {
    const result = parseBillingRequest(
      { clientId, installType: 'agency' },
      clientId,
    )

    expect(errorResult(result).error.message).toContain('needs a companyId')
  })

  test('rejects ids with markup', () => {
    const result = parseBillingRequest(
      { clientId, installType: 'location', locationId: '<script>' },
      clientId,
    )

    expect(errorResult(result).error.code).toBe('BILLING_REQUEST_INVALID')
  })
})

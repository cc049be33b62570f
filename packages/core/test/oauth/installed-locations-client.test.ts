import { describe, expect, test } from 'vitest'
import { InstalledLocationsClient } from '../../src/oauth/installed-locations-client.js'
import { testAppId, testClientId, testClientSecret } from './oauth-fixture.js'
import { startOauthTestServer } from './oauth-test-server.js'

const agencyLocations = Array.from({ length: 45 }, (_, index) => ({
  _id: `loc_${String(index).padStart(2, '0')}`,
  name: `Location ${index}`,
  isInstalled: index !== 7,
}))

function clientFor(apiUrl: string): InstalledLocationsClient {
  return new InstalledLocationsClient({
    clientId: testClientId,
    clientSecret: testClientSecret,
    apiUrl,
  })
}

describe('InstalledLocationsClient', () => {
  test('pages past capped limit', async () => {
    await using server = await startOauthTestServer((request) => {
      const skip = Number(request.query.get('skip'))
      return {
        status: 200,
        body: {
          locations: agencyLocations.slice(skip, skip + 20),
          count: agencyLocations.length,
        },
      }
    })
    const client = clientFor(server.url)

    const result = await client.list({
      companyToken: 'CAT1',
      companyId: 'cmp_T1',
      appId: testAppId,
    })
    const requests = server.requestsTo('/oauth/installedLocations')

    expect(result.ok).toBe(true)
    expect(result.ok && result.locations).toHaveLength(44)
    expect(result.ok && result.locations[0]).toEqual({
      locationId: 'loc_00',
      name: 'Location 0',
    })
    expect(requests.map((request) => request.query.get('skip'))).toEqual([
      '0',
      '20',
      '40',
    ])
    expect(requests[0]?.query.get('limit')).toBe('100')
    expect(requests[0]?.query.get('isInstalled')).toBe('true')
    expect(requests[0]?.headers['authorization']).toBe('Bearer CAT1')
  })

  test('stops at empty page without count', async () => {
    await using server = await startOauthTestServer((request) => {
      const skip = Number(request.query.get('skip'))
      return {
        status: 200,
        body: { locations: agencyLocations.slice(skip, skip + 2) },
      }
    })
    const client = clientFor(server.url)

    const result = await client.list({
      companyToken: 'CAT1',
      companyId: 'cmp_T1',
      appId: testAppId,
      pageSize: 2,
    })

    expect(result.ok && result.locations).toHaveLength(44)
    expect(server.requestsTo('/oauth/installedLocations')).toHaveLength(23)
  })

  test('reports rejected company token', async () => {
    await using server = await startOauthTestServer(() => ({
      status: 401,
      body: { statusCode: 401, message: 'Invalid JWT', error: 'Unauthorized' },
    }))
    const client = clientFor(server.url)

    const result = await client.list({
      companyToken: 'CAT1',
      companyId: 'cmp_T1',
      appId: testAppId,
    })

    expect(result.ok).toBe(false)
    expect(!result.ok && result.failure.kind).toBe('unauthorized')
  })
})

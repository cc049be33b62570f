import { describe, expect, test } from 'vitest'
import { isHoopkitError } from '../../src/errors/hoopkit-error.js'
import { startApiFixture } from '../support/api-fixture.js'

const locationToken = {
  userType: 'Location' as const,
  resourceId: 'loc_A1',
  companyId: 'cmp_T1',
  accessToken: 'AT_loc_A1',
}

describe('ApiClient tenant ids', () => {
  test('path tenant sends no query or body', async () => {
    await using fixture = await startApiFixture({
      handler: () => ({ status: 200, body: { customFields: [] } }),
      tokens: [locationToken],
    })

    await fixture.client.location('loc_A1').customFields.list()

    const [request] = fixture.apiRequests()
    expect(fixture.apiRequests()).toHaveLength(1)
    expect(request?.method).toBe('GET')
    expect(request?.path).toBe('/locations/loc_A1/customFields')
    expect(request?.query.has('locationId')).toBe(false)
    expect([...(request?.query.keys() ?? [])]).toEqual([])
    expect(request?.body).toBe('')
    expect(request?.headers['content-type']).toBeUndefined()
  })

  test('422 keeps message array and traceId', async () => {
    const body = {
      statusCode: 422,
      message: ['property locationId should not exist'],
      traceId: 'tr_9',
    }
    await using fixture = await startApiFixture({
      handler: () => ({ status: 422, body }),
      tokens: [locationToken],
    })

    const error = await fixture.client
      .location('loc_A1')
      .customFields.list()
      .catch((caught: unknown) => caught)

    expect(isHoopkitError(error, 'API_VALIDATION_FAILED')).toBe(true)
    if (!isHoopkitError(error)) return
    expect(error.details['platformMessage']).toEqual([
      'property locationId should not exist',
    ])
    expect(error.details['traceId']).toBe('tr_9')
    expect(error.details['status']).toBe(422)
    expect(error.message).toContain('property locationId should not exist')
    expect(fixture.apiRequests()).toHaveLength(1)
  })

  test('query tenant goes in the query', async () => {
    await using fixture = await startApiFixture({
      handler: (request) => ({
        status: 200,
        body:
          request.path === '/users/'
            ? { users: [] }
            : { contacts: [], count: 0 },
      }),
      tokens: [locationToken],
    })

    await fixture.client.location('loc_A1').contacts.list({ limit: 5 })
    await fixture.client.location('loc_A1').users.list()

    const [contacts, users] = fixture.apiRequests()
    expect(contacts?.path).toBe('/contacts/')
    expect(contacts?.query.get('locationId')).toBe('loc_A1')
    expect(contacts?.query.get('limit')).toBe('5')
    expect(users?.path).toBe('/users/')
    expect(users?.query.get('locationId')).toBe('loc_A1')
  })

  test('body tenant goes in the body', async () => {
    await using fixture = await startApiFixture({
      handler: () => ({ status: 201, body: { contact: { id: 'ct_1' } } }),
      tokens: [locationToken],
    })

    const created = await fixture.client
      .location('loc_A1')
      .contacts.create({ firstName: 'Ada', email: 'ada@example.test' })

    const [request] = fixture.apiRequests()
    expect(created.contact.id).toBe('ct_1')
    expect(request?.query.has('locationId')).toBe(false)
    expect(JSON.parse(request?.body ?? '')).toEqual({
      firstName: 'Ada',
      email: 'ada@example.test',
      locationId: 'loc_A1',
    })
  })

  test('caller locationId is rejected before sending', async () => {
    await using fixture = await startApiFixture({
      handler: () => ({ status: 200, body: { customFields: [] } }),
      tokens: [locationToken],
    })

    const error = await fixture.client
      .location('loc_A1')
      .contacts.create({ locationId: 'loc_B2' } as never)
      .catch((caught: unknown) => caught)

    expect(isHoopkitError(error, 'API_VALIDATION_FAILED')).toBe(true)
    expect(fixture.stub.requests).toHaveLength(0)
  })
})

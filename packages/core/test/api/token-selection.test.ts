import { describe, expect, test } from 'vitest'
import { isHoopkitError } from '../../src/errors/hoopkit-error.js'
import { startApiFixture, tokenReply } from '../support/api-fixture.js'

const contactsPage = { status: 200, body: { contacts: [], count: 0 } }

describe('ApiClient token selection', () => {
  test('mints location token before location call', async () => {
    await using fixture = await startApiFixture({
      handler: (request) => {
        if (request.path === '/oauth/locationToken') {
          return tokenReply({
            accessToken: 'AT_loc_A1',
            refreshToken: 'RT_loc_A1',
            userType: 'Location',
            locationId: 'loc_A1',
            companyId: 'cmp_T1',
          })
        }
        return contactsPage
      },
      tokens: [
        {
          userType: 'Company',
          resourceId: 'cmp_T1',
          accessToken: 'AT_cmp_T1',
          refreshToken: 'RT_cmp_T1',
        },
      ],
    })

    await fixture.client
      .location('loc_A1', { companyId: 'cmp_T1' })
      .contacts.list()

    const [mint, contacts] = fixture.stub.requests
    expect(fixture.stub.requests).toHaveLength(2)
    expect(mint?.method).toBe('POST')
    expect(mint?.path).toBe('/oauth/locationToken')
    expect(mint?.headers.authorization).toBe('Bearer AT_cmp_T1')
    expect(new URLSearchParams(mint?.body).get('companyId')).toBe('cmp_T1')
    expect(new URLSearchParams(mint?.body).get('locationId')).toBe('loc_A1')
    expect(contacts?.path).toBe('/contacts/')
    expect(contacts?.headers.authorization).toBe('Bearer AT_loc_A1')
    const stored = await fixture.oauth.tokens.get(
      '0123456789abcdef01234567',
      'loc_A1',
    )
    expect(stored?.locationId).toBe('loc_A1')
    expect(stored?.refreshToken).toBe('RT_loc_A1')
  })

  test('company token never reaches location route', async () => {
    await using fixture = await startApiFixture({
      handler: (request) => {
        if (request.path === '/custom-menus/') {
          return { status: 200, body: { customMenus: [], totalLinks: 0 } }
        }
        if (request.path === '/oauth/locationToken') {
          return { status: 500, body: { statusCode: 500, message: 'down' } }
        }
        return contactsPage
      },
      tokens: [
        { userType: 'Company', resourceId: 'cmp_T1', accessToken: 'AT_cmp_T1' },
      ],
    })

    const menus = await fixture.client.company('cmp_T1').customMenus.list()
    const error = await fixture.client
      .location('loc_A1', { companyId: 'cmp_T1' })
      .contacts.list()
      .catch((caught: unknown) => caught)

    expect(menus.totalLinks).toBe(0)
    expect(fixture.apiRequests()[0]?.headers.authorization).toBe(
      'Bearer AT_cmp_T1',
    )
    expect(isHoopkitError(error)).toBe(true)
    expect(
      fixture.apiRequests().filter((r) => r.path === '/contacts/'),
    ).toEqual([])
  })

  test('wrong tenant 403 does not refresh', async () => {
    await using fixture = await startApiFixture({
      handler: () => ({
        status: 403,
        body: {
          statusCode: 403,
          message: 'The token does not have access to this location',
        },
      }),
      tokens: [
        {
          userType: 'Location',
          resourceId: 'loc_A1',
          companyId: 'cmp_T1',
          accessToken: 'AT1',
          refreshToken: 'RT1',
        },
      ],
    })

    const error = await fixture.client
      .location('loc_A1')
      .contacts.list()
      .catch((caught: unknown) => caught)

    expect(isHoopkitError(error, 'WRONG_TENANT_TOKEN')).toBe(true)
    expect(fixture.tokenRequests()).toHaveLength(0)
    expect(fixture.apiRequests()).toHaveLength(1)
  })
})

describe('ApiClient 401 handling', () => {
  const seed = {
    userType: 'Location' as const,
    resourceId: 'loc_A1',
    companyId: 'cmp_T1',
    accessToken: 'AT1',
    refreshToken: 'RT1',
    expiresAt: null,
  }
  const refreshed = tokenReply({
    accessToken: 'AT2',
    refreshToken: 'RT2',
    userType: 'Location',
    locationId: 'loc_A1',
    companyId: 'cmp_T1',
  })
  const unauthorized = {
    status: 401,
    body: {
      statusCode: 401,
      message: 'Invalid token: access token is invalid',
      error: 'Unauthorized',
    },
  }

  test('refreshes once and retries once', async () => {
    await using fixture = await startApiFixture({
      handler: (request) => {
        if (request.path === '/oauth/token') return refreshed
        return request.headers.authorization === 'Bearer AT2'
          ? contactsPage
          : unauthorized
      },
      tokens: [seed],
    })

    const page = await fixture.client.location('loc_A1').contacts.list()

    expect(page.contacts).toEqual([])
    expect(fixture.tokenRequests()).toHaveLength(1)
    expect(fixture.apiRequests()).toHaveLength(2)
    expect(fixture.apiRequests()[1]?.headers.authorization).toBe('Bearer AT2')
  })

  test('rejected refresh requires reauthorization', async () => {
    await using fixture = await startApiFixture({
      handler: (request) => {
        if (request.path === '/oauth/token') {
          return { status: 400, body: { error: 'invalid_grant' } }
        }
        return unauthorized
      },
      tokens: [seed],
    })

    const error = await fixture.client
      .location('loc_A1')
      .contacts.list()
      .catch((caught: unknown) => caught)

    expect(isHoopkitError(error, 'REAUTH_REQUIRED')).toBe(true)
    expect(String((error as Error).message)).toContain('loc_A1')
    expect(fixture.apiRequests()).toHaveLength(1)
    expect(fixture.tokenRequests()).toHaveLength(1)
  })

  test('401 after fresh token stops', async () => {
    await using fixture = await startApiFixture({
      handler: (request) =>
        request.path === '/oauth/token' ? refreshed : unauthorized,
      tokens: [seed],
    })

    const error = await fixture.client
      .location('loc_A1')
      .contacts.list()
      .catch((caught: unknown) => caught)

    expect(isHoopkitError(error, 'TOKEN_REJECTED')).toBe(true)
    expect(fixture.apiRequests()).toHaveLength(2)
    expect(fixture.tokenRequests()).toHaveLength(1)
  })
})

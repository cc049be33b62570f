import { describe, expect, test } from 'vitest'
import { isHoopkitError } from '../../src/errors/hoopkit-error.js'
import { allScopes, startApiFixture } from '../support/api-fixture.js'
import type { StubReply } from '../support/platform-stub.js'

const location = {
  userType: 'Location' as const,
  resourceId: 'loc_A1',
  companyId: 'cmp_T1',
  accessToken: 'AT_secret_location_token',
}
const company = {
  userType: 'Company' as const,
  resourceId: 'cmp_T1',
  accessToken: 'AT_secret_company_token',
}

// One reply per path prefix that satisfies the endpoint's response schema,
// checked in order, so longer prefixes come first.
const replies: [test: (path: string) => boolean, reply: StubReply][] = [
  [
    (p) => p.startsWith('/marketplace/billing/charges/has-funds'),
    { status: 200, body: { hasFunds: true } },
  ],
  [
    (p) => p.startsWith('/marketplace/billing/charges/'),
    { status: 200, body: { chargeId: 'ch_1', success: true } },
  ],
  [
    (p) => p.startsWith('/marketplace/billing/charges'),
    { status: 201, body: { success: true, chargeId: 'ch_1', charges: [] } },
  ],
  [
    (p) => p.startsWith('/marketplace/app/'),
    { status: 200, body: { installationDetails: { companyId: 'cmp_T1' } } },
  ],
  [
    (p) => p.startsWith('/custom-menus/'),
    {
      status: 200,
      body: {
        customMenus: [],
        customMenu: { id: 'cm_1', title: 'Docs' },
        success: true,
      },
    },
  ],
  [
    (p) => p.endsWith('/customFields'),
    { status: 200, body: { customFields: [] } },
  ],
  [
    (p) => p.startsWith('/locations/'),
    { status: 200, body: { location: { id: 'loc_A1' } } },
  ],
  [(p) => p === '/users/', { status: 200, body: { users: [] } }],
  [
    (p) => p.endsWith('/notes'),
    { status: 200, body: { notes: [], note: { id: 'n_1' } } },
  ],
  [(p) => p.endsWith('/tags'), { status: 200, body: { tags: ['vip'] } }],
  [
    (p) => p.startsWith('/contacts/bulk/'),
    { status: 200, body: { succeded: true, success: true, ids: [] } },
  ],
]
const contactReply: StubReply = {
  status: 200,
  body: { contacts: [], contact: { id: 'ct_1' }, succeded: true },
}

function okReply(path: string): StubReply {
  const match = replies.find(([test]) => test(path))
  return match ? match[1] : contactReply
}

describe('ApiClient request headers', () => {
  test('every endpoint pins its version', async () => {
    await using fixture = await startApiFixture({
      handler: (request) => okReply(request.path),
      tokens: [location, company],
    })
    const loc = fixture.client.location('loc_A1')
    const cmp = fixture.client.company('cmp_T1')
    const menu = {
      title: 'Docs',
      url: 'https://app.example.test/docs',
      icon: { name: 'book', fontFamily: 'fas' as const },
      showOnCompany: true,
      showOnLocation: false,
      showToAllLocations: false,
      openMode: 'iframe' as const,
      locations: [],
      userRole: 'all' as const,
    }

    await loc.get()
    await loc.customFields.list()
    await loc.users.list()
    await loc.installation.get()
    await loc.contacts.get('ct_1')
    await loc.contacts.list()
    await loc.contacts.search({ query: 'ada' })
    await loc.contacts.create({ firstName: 'Ada' })
    await loc.contacts.update('ct_1', { lastName: 'Lovelace' })
    await loc.contacts.upsert({ email: 'ada@example.test' })
    await loc.contacts.delete('ct_1')
    await loc.contacts.addTags('ct_1', ['vip'])
    await loc.contacts.removeTags('ct_1', ['vip'])
    await loc.contacts.listNotes('ct_1')
    await loc.contacts.createNote('ct_1', { body: 'Called back' })
    await loc.contacts.addTagsToMany(['ct_1', 'ct_2'], ['vip'])
    await loc.contacts.setBusinessOfMany(['ct_1'], 'biz_1')
    await cmp.customMenus.list()
    await cmp.customMenus.get('cm_1')
    await cmp.customMenus.create(menu)
    await cmp.customMenus.update('cm_1', { title: 'Help' })
    await cmp.customMenus.delete('cm_1')
    await cmp.installation.get()

    const requests = fixture.apiRequests()
    expect(requests).toHaveLength(23)
    for (const request of requests) {
      expect(
        request.headers['version'],
        `${request.method} ${request.path}`,
      ).toBe('2021-07-28')
    }
  })

  test('charges send no version header', async () => {
    await using fixture = await startApiFixture({
      handler: (request) => okReply(request.path),
      tokens: [location],
    })
    const charges = fixture.client.location('loc_A1').charges

    await charges.hasFunds()
    await charges.create({
      meterId: 'mtr_1',
      eventId: 'evt_1',
      companyId: 'cmp_T1',
      description: '10 SMS',
      units: 10,
    })
    await charges.list({ meterId: 'mtr_1' })
    await charges.get('ch_1')
    await charges.delete('ch_1')

    const requests = fixture.apiRequests()
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /marketplace/billing/charges/has-funds',
      'POST /marketplace/billing/charges',
      'GET /marketplace/billing/charges',
      'GET /marketplace/billing/charges/ch_1',
      'DELETE /marketplace/billing/charges/ch_1',
    ])
    for (const request of requests) {
      expect(request.headers['version']).toBeUndefined()
    }
    expect(JSON.parse(requests[1]?.body ?? '')).toMatchObject({
      appId: '0123456789abcdef01234567',
      locationId: 'loc_A1',
      companyId: 'cmp_T1',
    })
  })

  test('missing scope fails before the call', async () => {
    await using fixture = await startApiFixture({
      handler: (request) => okReply(request.path),
      tokens: [{ ...location, scope: 'contacts.readonly users.readonly' }],
      client: {
        reinstallUrl: ({ missingScopes }) =>
          `https://marketplace.example.test/install?scope=${missingScopes.join('%20')}`,
      },
    })

    const error = await fixture.client
      .location('loc_A1')
      .contacts.create({ firstName: 'Ada' })
      .catch((caught: unknown) => caught)

    expect(isHoopkitError(error, 'SCOPE_MISSING')).toBe(true)
    if (!isHoopkitError(error)) return
    expect(error.details['missingScopes']).toEqual(['contacts.write'])
    expect(error.details['reinstallUrl']).toBe(
      'https://marketplace.example.test/install?scope=contacts.write',
    )
    expect(error.message).toContain(
      'https://marketplace.example.test/install?scope=contacts.write',
    )
    expect(fixture.stub.requests).toHaveLength(0)
  })

  test('errors never contain the token', async () => {
    const failures: StubReply[] = [
      { status: 400, body: { statusCode: 400, message: 'Bad Request' } },
      { status: 404, body: { statusCode: 404, message: 'Contact not found' } },
      { status: 422, body: { statusCode: 422, message: ['bad field'] } },
      { status: 500, body: { statusCode: 500, message: 'Internal' } },
      { drop: true },
    ]
    for (const failure of failures) {
      await using fixture = await startApiFixture({
        handler: () => failure,
        tokens: [{ ...location, scope: allScopes }],
        client: { retry: { maxRetries: 0 } },
      })

      const error = await fixture.client
        .location('loc_A1')
        .contacts.get('ct_1')
        .catch((caught: unknown) => caught)

      expect(isHoopkitError(error)).toBe(true)
      const shown = JSON.stringify({
        message: (error as Error).message,
        json: error,
        stack: (error as Error).stack,
      })
      expect(shown).not.toContain('AT_secret_location_token')
      expect(shown).toContain('loc_A1')
    }
  })
})

import { describe, expect, test } from 'vitest'
import type { Clock } from '../../src/time/clock.js'
import { startApiFixture } from '../support/api-fixture.js'
import type { StubReply } from '../support/platform-stub.js'

const tokens = ['loc_A1', 'loc_B2'].map((id) => ({
  userType: 'Location' as const,
  resourceId: id,
  companyId: 'cmp_T1',
  accessToken: `AT_${id}`,
}))

function reply(path: string, method: string): StubReply {
  if (method === 'POST') {
    return { status: 201, body: { contact: { id: 'ct_9' } } }
  }
  if (path.endsWith('/customFields')) {
    return { status: 200, body: { customFields: [] } }
  }
  return { status: 200, body: { contacts: [], count: 0 } }
}

/** Returns a clock whose time moves only when the test moves it. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = 1_800_000_000_000
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms
    },
    advance: (ms) => {
      now += ms
    },
  }
}

async function startCached() {
  const clock = manualClock()
  const fixture = await startApiFixture({
    handler: (request) => reply(request.path, request.method),
    tokens,
    client: { cacheTtlMs: 5_000, clock },
  })
  return { fixture, clock }
}

describe('ApiClient read cache', () => {
  test('repeated GET is served from cache', async () => {
    const { fixture } = await startCached()
    await using _ = fixture
    const contacts = fixture.client.location('loc_A1').contacts

    const first = await contacts.list({ limit: 5 })
    const second = await contacts.list({ limit: 5 })

    expect(second).toEqual(first)
    expect(fixture.apiRequests()).toHaveLength(1)
  })

  test('entries expire after the TTL', async () => {
    const { fixture, clock } = await startCached()
    await using _ = fixture
    const contacts = fixture.client.location('loc_A1').contacts

    await contacts.list()
    clock.advance(5_001)
    await contacts.list()

    expect(fixture.apiRequests()).toHaveLength(2)
  })

  test('write clears reads of its family', async () => {
    const { fixture } = await startCached()
    await using _ = fixture
    const location = fixture.client.location('loc_A1')

    await location.contacts.list()
    await location.customFields.list()
    await location.contacts.create({ firstName: 'Ada' })
    await location.contacts.list()
    await location.customFields.list()

    const paths = fixture.apiRequests().map((r) => `${r.method} ${r.path}`)
    expect(paths).toEqual([
      'GET /contacts/',
      'GET /locations/loc_A1/customFields',
      'POST /contacts/',
      'GET /contacts/',
    ])
  })

  test('buckets and opt-out bypass cache', async () => {
    const { fixture } = await startCached()
    await using _ = fixture

    await fixture.client.location('loc_A1').contacts.list()
    await fixture.client.location('loc_B2').contacts.list()
    await fixture.client.location('loc_A1').contacts.list({}, { cache: false })

    expect(fixture.apiRequests()).toHaveLength(3)
  })
})

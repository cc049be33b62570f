import type { SsoUserContext } from '@hoopkit/core'
import { describe, expect, test } from 'vitest'
import {
  consent,
  type OauthTestBackend,
  seedIds,
  startOauthBackend,
} from './oauth-test-backend.js'

function userContext(changes: Partial<SsoUserContext>): SsoUserContext {
  return {
    kind: 'agency',
    userId: seedIds.agencyAdmin,
    companyId: seedIds.company,
    locationId: null,
    role: 'admin',
    userName: 'Avery Stone',
    email: 'avery@example.test',
    isAgencyOwner: true,
    versionId: null,
    appStatus: null,
    whitelabelDomain: null,
    ...changes,
  }
}

async function listInstalls(
  backend: OauthTestBackend,
  context: SsoUserContext,
): Promise<{ status: number; resources: string[]; body: string }> {
  const { token } = await backend.services.ui.sessions.issue(context)
  const response = await fetch(`${backend.url}/trpc/installs.list`, {
    headers: { authorization: `Bearer ${token}` },
  })
  const body = await response.text()
  const parsed = JSON.parse(body) as {
    result?: { data: { resourceId: string }[] }
  }
  const resources = (parsed.result?.data ?? []).map((row) => row.resourceId)
  return { status: response.status, resources: resources.sort(), body }
}

describe('installs.list over tRPC', () => {
  test('scopes installs to session', async () => {
    await using backend = await startOauthBackend()
    const callback = await consent(backend, {
      userId: seedIds.agencyAdmin,
      target: [seedIds.harbor, seedIds.peak],
    })
    expect((await fetch(callback)).status).toBe(200)

    const agency = await listInstalls(backend, userContext({}))
    const harbor = await listInstalls(
      backend,
      userContext({ kind: 'location', locationId: seedIds.harbor }),
    )
    const stored = await backend.services.oauth.tokens.get(
      backend.services.oauth.appId,
      seedIds.harbor,
    )

    expect(agency.status).toBe(200)
    expect(agency.resources).toEqual(
      [seedIds.company, seedIds.harbor, seedIds.peak].sort(),
    )
    expect(harbor.status).toBe(200)
    expect(harbor.resources).toEqual([seedIds.harbor])
    expect(harbor.body).toContain('contacts.readonly')
    expect(harbor.body).not.toContain(stored?.accessToken)
  })

  test('agency list names sub-accounts', async () => {
    await using backend = await startOauthBackend()
    const callback = await consent(backend, {
      userId: seedIds.agencyAdmin,
      target: [seedIds.harbor, seedIds.peak],
    })
    expect((await fetch(callback)).status).toBe(200)

    const { body } = await listInstalls(backend, userContext({}))
    const rows = (
      JSON.parse(body) as {
        result: {
          data: { resourceId: string; locationName: string | null }[]
        }
      }
    ).result.data
    const nameOf = (id: string) =>
      rows.find((row) => row.resourceId === id)?.locationName

    expect(nameOf(seedIds.harbor)).toBe('Harbor Dental')
    expect(nameOf(seedIds.peak)).toBe('Peak Fitness')
    expect(nameOf(seedIds.company)).toBeNull()
  })

  test('unreadable name falls back to null', async () => {
    await using backend = await startOauthBackend()
    const callback = await consent(backend, {
      userId: seedIds.agencyAdmin,
      target: [seedIds.harbor],
    })
    expect((await fetch(callback)).status).toBe(200)
    backend.sandbox.context.api.faults.inject({
      path: `/locations/${seedIds.harbor}`,
      kind: 'error',
      status: 404,
    })

    const agency = await listInstalls(backend, userContext({}))
    const rows = (
      JSON.parse(agency.body) as {
        result: { data: { resourceId: string; locationName: null }[] }
      }
    ).result.data

    expect(agency.status).toBe(200)
    expect(agency.resources).toEqual([seedIds.company, seedIds.harbor].sort())
    expect(
      rows.find((row) => row.resourceId === seedIds.harbor)?.locationName,
    ).toBeNull()
  })

  test('rejects requests without session', async () => {
    await using backend = await startOauthBackend()

    const response = await fetch(`${backend.url}/trpc/installs.list`)

    expect(response.status).toBe(401)
  })
})

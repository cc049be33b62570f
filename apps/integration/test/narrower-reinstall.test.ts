import { isHoopkitError } from '@hoopkit/core'
import { createApiClient, describeError, type SessionClient } from '@hoopkit/ui'
import { describe, expect, test } from 'vitest'
import declaration from '../hoopkit.app.js'
import {
  consent,
  type OauthTestBackend,
  seedIds,
  startOauthBackend,
} from './oauth-test-backend.js'

// The reinstall drops contacts.write, which contacts.update needs.
const narrowerScopes = declaration.scopes.filter(
  (scope) => scope !== 'contacts.write',
)

async function installOnHarbor(
  backend: OauthTestBackend,
  scopes?: readonly string[],
): Promise<void> {
  const callback = await consent(backend, {
    userId: seedIds.agencyAdmin,
    target: [seedIds.harbor],
    ...(scopes ? { scopes } : {}),
  })
  const response = await fetch(callback)
  if (response.status !== 200) {
    throw new Error(`install: expected 200, got ${response.status}`)
  }
}

function splitScopes(scope: string | null | undefined): string[] {
  return (scope ?? '').split(' ').filter((part) => part !== '')
}

async function storedScopes(backend: OauthTestBackend, resourceId: string) {
  const { tokens, installs, appId } = backend.services.oauth
  const token = await tokens.get(appId, resourceId)
  const install = await installs.get(appId, resourceId)
  return {
    token: splitScopes(token?.scope),
    install: splitScopes(install?.scope),
  }
}

describe('narrower reinstall', () => {
  test('reinstall narrows stored scopes', async () => {
    await using backend = await startOauthBackend()
    await installOnHarbor(backend)
    const before = await storedScopes(backend, seedIds.harbor)

    await installOnHarbor(backend, narrowerScopes)
    const company = await storedScopes(backend, seedIds.company)
    const harbor = await storedScopes(backend, seedIds.harbor)

    expect(before.token).toContain('contacts.write')
    expect(company.token).toEqual(narrowerScopes)
    expect(company.install).toEqual(narrowerScopes)
    expect(harbor.token).toEqual(narrowerScopes)
    expect(harbor.install).toEqual(narrowerScopes)
  })

  test('call outside scopes names scope', async () => {
    await using backend = await startOauthBackend()
    await installOnHarbor(backend)
    await installOnHarbor(backend, narrowerScopes)

    const error = await backend.services.api.platform
      .location(seedIds.harbor, { companyId: seedIds.company })
      .contacts.update('SbxContactHarbor0001', { tags: ['vip'] })
      .catch((caught: unknown) => caught)

    expect(isHoopkitError(error, 'SCOPE_MISSING')).toBe(true)
    if (!isHoopkitError(error)) return
    expect(error.message).toContain('contacts.write')
    expect(error.message).toContain('reinstall')
    expect(error.details['missingScopes']).toEqual(['contacts.write'])
  })

  test('sandbox rejects missing scope with 403', async () => {
    await using backend = await startOauthBackend()
    await installOnHarbor(backend, narrowerScopes)
    const { tokens, appId } = backend.services.oauth
    const token = await tokens.get(appId, seedIds.harbor)

    const response = await fetch(
      `${backend.sandbox.url}/contacts/SbxContactHarbor0001`,
      {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${token?.accessToken}`,
          version: '2021-07-28',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ tags: ['vip'] }),
      },
    )
    const body = (await response.json()) as Record<string, unknown>

    expect(response.status).toBe(403)
    expect(body['statusCode']).toBe(403)
    expect(body['message']).toBe('The token is not authorized for this scope.')
    expect(body['error']).toBe('Forbidden')
  })

  for (const status of [403, 401] as const) {
    test(`platform ${status} scope rejection is named`, async () => {
      await using backend = await startOauthBackend({
        platform: { scopeRejectionStatus: status },
      })
      await installOnHarbor(backend, narrowerScopes)
      const { tokens, appId } = backend.services.oauth
      // The stored scopes claim contacts.write, which the platform's
      // token lacks, so only the platform's reply can reveal it.
      const stored = await tokens.get(appId, seedIds.harbor)
      if (stored === undefined) throw new Error('no Harbor token stored')
      const widened = await tokens.put({
        ...stored,
        scope: declaration.scopes.join(' '),
      })

      const error = await backend.services.api.platform
        .location(seedIds.harbor, { companyId: seedIds.company })
        .contacts.update('SbxContactHarbor0001', { tags: ['vip'] })
        .catch((caught: unknown) => caught)
      const after = await tokens.get(appId, seedIds.harbor)

      expect(isHoopkitError(error, 'SCOPE_MISSING')).toBe(true)
      if (!isHoopkitError(error)) return
      expect(error.message).toContain(`with ${status}`)
      expect(error.message).toContain('contacts.write')
      expect(error.message).toContain('reinstall the app with')
      expect(error.details['missingScopes']).toEqual(['contacts.write'])
      // A refresh would have stored a new version of the token.
      expect(after?.version).toBe(widened.version)
    })
  }

  test('custom page says to reinstall', async () => {
    await using backend = await startOauthBackend()
    await installOnHarbor(backend, narrowerScopes)
    const { token } = await backend.services.ui.sessions.issue({
      kind: 'location',
      userId: seedIds.harborUser,
      companyId: seedIds.company,
      locationId: seedIds.harbor,
      role: 'admin',
      userName: 'Hana Brooks',
      email: 'hana@example.test',
      isAgencyOwner: false,
      versionId: null,
      appStatus: null,
      whitelabelDomain: null,
    })
    const session = { token: async () => token } as unknown as SessionClient
    const client = createApiClient({ session, baseUrl: backend.url })

    const error = await client.contacts.update
      .mutate({
        locationId: seedIds.harbor,
        contactId: 'SbxContactHarbor0001',
        changes: { tags: ['vip'] },
      })
      .catch((caught: unknown) => caught)
    const message = describeError(error)

    expect(message.title).toBe('The app needs a permission it was not given')
    expect(message.detail).toContain('reinstall the app')
    expect(message.detail).toContain('contacts.write')
  })
})

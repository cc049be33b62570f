import { readSsoPayload, SsoCipher } from '@hoopkit/core'
import { describe, expect, test } from 'vitest'
import { platformBehaviour } from '../../src/platform-behaviour.js'
import {
  encryptedSsoPayload,
  type ShellViewer,
  ssoPayloadFields,
} from '../../src/shell/shell-sso.js'
import type { RegisteredApp } from '../../src/state/entities.js'
import { SandboxState } from '../../src/state/sandbox-state.js'
import { seedIds, seedState } from '../../src/state/seed-data.js'

const state = new SandboxState()
seedState(state)

function viewer(userId: string, locationId: string | null): ShellViewer {
  const user = state.users.get(userId)
  const company = state.companies.get(seedIds.company)
  if (user === undefined || company === undefined) {
    throw new Error('seed data: missing user or company')
  }
  const location =
    locationId === null ? null : (state.locations.get(locationId) ?? null)
  return { user, company, location }
}

const sandboxUrl = 'http://127.0.0.1:4100'

const app = {
  appId: 'a1b2c3d4e5f6a7b8c9d0e1f2',
  versionId: 'f2e1d0c9b8a7f6e5d4c3b2a1',
  ssoKey: 'shell-sso-test-key',
} as RegisteredApp

describe('shell SSO payload', () => {
  test('decrypts to the user in view', () => {
    const payload = encryptedSsoPayload(
      viewer(seedIds.harborUser, seedIds.harbor),
      app,
      platformBehaviour(),
      sandboxUrl,
    )
    const read = readSsoPayload(new SsoCipher(app.ssoKey ?? ''), payload ?? '')

    expect(payload?.startsWith('U2FsdGVkX1')).toBe(true)
    expect(read.ok).toBe(true)
    expect(read.ok && read.context).toMatchObject({
      kind: 'location',
      userId: seedIds.harborUser,
      companyId: seedIds.company,
      locationId: seedIds.harbor,
      role: 'user',
      whitelabelDomain: 'app.summit-agency.localhost:4100',
    })
  })

  test('location view sends agency type', () => {
    const fields = ssoPayloadFields(
      viewer(seedIds.agencyAdmin, seedIds.peak),
      app,
      platformBehaviour(),
      sandboxUrl,
    )

    expect(fields['type']).toBe('agency')
    expect(fields['activeLocation']).toBe(seedIds.peak)
  })

  test('location type is a setting', () => {
    const fields = ssoPayloadFields(
      viewer(seedIds.agencyAdmin, seedIds.peak),
      app,
      platformBehaviour({ ssoLocationType: 'location' }),
      sandboxUrl,
    )

    expect(fields['type']).toBe('location')
  })

  test('agency view sends empty activeLocation', () => {
    const agency = viewer(seedIds.agencyAdmin, null)
    const withEmpty = ssoPayloadFields(
      agency,
      app,
      platformBehaviour(),
      sandboxUrl,
    )
    const without = ssoPayloadFields(
      agency,
      app,
      platformBehaviour({ ssoEmptyFields: false }),
      sandboxUrl,
    )

    expect(withEmpty['activeLocation']).toBe('')
    expect(withEmpty['type']).toBe('agency')
    expect('activeLocation' in without).toBe(false)
  })

  test('missing shared secret sends nothing', () => {
    const noKey = { ...app, ssoKey: null }
    const harbor = viewer(seedIds.harborUser, seedIds.harbor)

    expect(
      encryptedSsoPayload(harbor, noKey, platformBehaviour(), sandboxUrl),
    ).toBeNull()
    expect(
      encryptedSsoPayload(
        harbor,
        noKey,
        platformBehaviour({ ssoWithoutSharedSecret: 'empty-payload' }),
        sandboxUrl,
      ),
    ).toBe('')
  })
})

import { defineApp } from '@hoopkit/core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Sandbox, startSandbox } from '../../src/sandbox-server.js'
import type { RegisteredApp } from '../../src/state/entities.js'
import { seedIds } from '../../src/state/seed-data.js'
import { installOnHarbor } from './install-on-harbor.js'
import { getAtOrigin } from './shell-request.js'

const declaration = defineApp({
  name: 'Shell Test App',
  description: 'An app that the shell test installs.',
  redirectUri: '/oauth/callback',
  scopes: ['contacts.readonly'],
  webhook: { url: '/webhooks' },
  customJs: '/widgets/loader.js',
})

interface ModelPart {
  contacts: { id: string }[]
  apps: { appId: string; ssoPayload: string | null }[]
}

function modelOf(page: string): ModelPart {
  const match =
    /<script type="application\/json" id="shell-model">(.*?)<\/script>/s.exec(
      page,
    )
  return JSON.parse(match?.[1] ?? '{}') as ModelPart
}

describe('app shell', () => {
  let sandbox: Sandbox
  let app: RegisteredApp

  beforeAll(async () => {
    sandbox = await startSandbox()
    app = sandbox.registerApp(declaration, { publicUrl: 'http://127.0.0.1:9' })
    installOnHarbor(sandbox, app)
  })

  afterAll(async () => {
    await sandbox.close()
  })

  // The default `framingParentOrigin` serves the shell on the agency's
  // white-label domain.
  function get(path: string) {
    const origin = `http://app.summit-agency.localhost:${new URL(sandbox.url).port}`
    return getAtOrigin(sandbox.url, origin, path)
  }

  test('shows only the view’s contacts', async () => {
    const { status, page } = await get(
      `/shell/v2/location/${seedIds.harbor}/dashboard?as=${seedIds.harborUser}`,
    )
    const model = modelOf(page)

    expect(status).toBe(200)
    expect(model.contacts.map((contact) => contact.id).sort()).toEqual([
      'SbxContactHarbor0001',
      'SbxContactHarbor0002',
      'SbxContactHarbor0003',
    ])
  })

  test('loads installed app’s Custom JS', async () => {
    const { page } = await get(
      `/shell/v2/location/${seedIds.harbor}/contacts?as=${seedIds.harborUser}`,
    )
    const model = modelOf(page)

    expect(page).toContain(
      `<script src="http://127.0.0.1:9/widgets/loader.js" data-app-id="${app.appId}"></script>`,
    )
    expect(model.apps.map((entry) => entry.appId)).toEqual([app.appId])
    expect(model.apps[0]?.ssoPayload?.startsWith('U2FsdGVkX1')).toBe(true)
  })

  test('app not installed in view is absent', async () => {
    const { page } = await get(
      `/shell/v2/location/${seedIds.peak}/dashboard?as=${seedIds.peakUser}`,
    )

    expect(modelOf(page).apps).toEqual([])
    expect(page).not.toContain('loader.js')
  })

  test('other sub-account is forbidden', async () => {
    const { status, page } = await get(
      `/shell/v2/location/${seedIds.peak}/dashboard?as=${seedIds.harborUser}`,
    )

    expect(status).toBe(403)
    expect(page).toContain('cannot open')
  })

  test('start page follows the user', async () => {
    const harbor = await get(`/shell?as=${seedIds.harborUser}`)
    const agency = await get(`/shell?as=${seedIds.agencyAdmin}`)

    expect(harbor.status).toBe(302)
    expect(harbor.location).toBe(
      `/shell/v2/location/${seedIds.harbor}/dashboard?as=${seedIds.harborUser}`,
    )
    expect(agency.location).toBe(
      `/shell/agency/dashboard?as=${seedIds.agencyAdmin}`,
    )
  })

  test('model cannot close its script tag', async () => {
    const contact = sandbox.context.state.contacts.get('SbxContactHarbor0001')
    if (contact) {
      contact.contactName = '</script><script>alert(1)</script>'
    }
    const { page } = await get(
      `/shell/v2/location/${seedIds.harbor}/dashboard?as=${seedIds.harborUser}`,
    )

    expect(page).not.toContain('</script><script>alert(1)')
    expect(modelOf(page).contacts.length).toBe(3)
  })
})

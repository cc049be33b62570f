import { describe, expect, test } from 'vitest'
import { shellOrigin } from '../../src/framing/framing-parent.js'
import { platformBehaviour } from '../../src/platform-behaviour.js'
import { startSandbox } from '../../src/sandbox-server.js'
import { seedIds } from '../../src/state/seed-data.js'
import { getAtOrigin } from './shell-request.js'

const harborDashboard = `/shell/v2/location/${seedIds.harbor}/dashboard?as=${seedIds.harborUser}`

describe('shell framing parent origin', () => {
  test('default serves white-label domain', async () => {
    await using sandbox = await startSandbox()
    const port = new URL(sandbox.url).port
    const whitelabel = `http://app.summit-agency.localhost:${port}`
    const atSandbox = await getAtOrigin(
      sandbox.url,
      sandbox.url,
      harborDashboard,
    )
    const atWhitelabel = await getAtOrigin(
      sandbox.url,
      whitelabel,
      harborDashboard,
    )

    expect(atSandbox.status).toBe(302)
    expect(atSandbox.location).toBe(`${whitelabel}${harborDashboard}`)
    expect(atWhitelabel.status).toBe(200)
    expect(atWhitelabel.page).toContain('id="shell-model"')
  })

  test('platform setting serves platform host', async () => {
    await using sandbox = await startSandbox({
      platformBehaviour: { framingParentOrigin: 'platform' },
    })
    const port = new URL(sandbox.url).port
    const platform = `http://app.gohighlevel.localhost:${port}`
    const whitelabel = `http://app.summit-agency.localhost:${port}`
    const atSandbox = await getAtOrigin(
      sandbox.url,
      sandbox.url,
      harborDashboard,
    )
    const atWhitelabel = await getAtOrigin(
      sandbox.url,
      whitelabel,
      harborDashboard,
    )
    const atPlatform = await getAtOrigin(sandbox.url, platform, harborDashboard)

    expect(sandbox.platformAppOrigin).toBe(platform)
    expect(atSandbox.location).toBe(`${platform}${harborDashboard}`)
    expect(atWhitelabel.location).toBe(`${platform}${harborDashboard}`)
    expect(atPlatform.status).toBe(200)
  })

  test('sandbox setting serves own origin', async () => {
    await using sandbox = await startSandbox({
      platformBehaviour: { framingParentOrigin: 'sandbox' },
    })
    const port = new URL(sandbox.url).port
    const whitelabel = `http://app.summit-agency.localhost:${port}`
    const atSandbox = await getAtOrigin(
      sandbox.url,
      sandbox.url,
      harborDashboard,
    )
    const atWhitelabel = await getAtOrigin(
      sandbox.url,
      whitelabel,
      harborDashboard,
    )

    expect(sandbox.platformAppOrigin).toBe(sandbox.url)
    expect(atSandbox.status).toBe(200)
    expect(atWhitelabel.location).toBe(`${sandbox.url}${harborDashboard}`)
  })

  test('host header case does not redirect', async () => {
    await using sandbox = await startSandbox()
    const port = new URL(sandbox.url).port
    const response = await getAtOrigin(
      sandbox.url,
      `http://App.Summit-Agency.LOCALHOST:${port}`,
      harborDashboard,
    )

    expect(response.status).toBe(200)
  })
})

describe('shellOrigin', () => {
  const sandboxUrl = 'http://127.0.0.1:4100'
  const company = {
    id: 'SbxAgencyOther000001',
    name: 'Other Agency',
    email: 'owner@other.test',
  }
  const whitelabel = platformBehaviour()

  test('agency without white-label uses platform host', () => {
    const origin = shellOrigin(
      { ...company, whitelabelDomain: null },
      whitelabel,
      sandboxUrl,
    )

    expect(origin).toBe('http://app.gohighlevel.localhost:4100')
  })

  test('real white-label domain uses platform host', () => {
    const origin = shellOrigin(
      { ...company, whitelabelDomain: 'crm.other-agency.example' },
      whitelabel,
      sandboxUrl,
    )

    expect(origin).toBe('http://app.gohighlevel.localhost:4100')
  })

  test('localhost white-label domain gets sandbox port', () => {
    const origin = shellOrigin(
      { ...company, whitelabelDomain: 'crm.other.localhost' },
      whitelabel,
      sandboxUrl,
    )

    expect(origin).toBe('http://crm.other.localhost:4100')
  })
})

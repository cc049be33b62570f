import {
  type PlatformBehaviour,
  platformAppOrigin,
  SandboxState,
  seedIds,
  seedState,
  servedWhitelabelDomain,
  shellOrigin,
} from '@hoopkit/sandbox'
import { matchesOrigin } from '@hoopkit/ui/sso'
import { describe, expect, test } from 'vitest'
import { startUiBackend } from './ui-test-backend.js'

// No sandbox listens here: the origins are only computed from its URL.
const sandboxUrl = 'http://127.0.0.1:4100'
const state = new SandboxState()
seedState(state)
const company = state.companies.get(seedIds.company)

const settings: PlatformBehaviour['framingParentOrigin'][] = [
  'white-label',
  'platform',
  'sandbox',
]

const foreignOrigins = [
  'http://evil.localhost:4100',
  'http://app.summit-agency.localhost:4101',
  'https://app.summit-agency.localhost:4100',
  'https://app.summit-agency.localhost',
]

// Starts the backend as `hoopkit dev` does for the setting, with the seed
// agency's install stored from its INSTALL webhook.
async function framedPage(setting: PlatformBehaviour['framingParentOrigin']) {
  if (company === undefined) {
    throw new Error('seed data: missing the agency')
  }
  const behaviour = { framingParentOrigin: setting }
  await using backend = await startUiBackend({
    HOOPAI_APP_ORIGINS: platformAppOrigin(behaviour, sandboxUrl),
  })
  await backend.addInstall({
    resource_id: seedIds.harbor,
    whitelabel_domain: servedWhitelabelDomain(
      company.whitelabelDomain,
      sandboxUrl,
    ),
  })

  const response = await fetch(
    `${backend.url}/pages/?locationId=${seedIds.harbor}`,
  )
  const html = await response.text()
  const meta = /name="hoopkit-frame-origins" content="([^"]*)"/.exec(html)
  const policy = response.headers.get('content-security-policy') ?? ''
  return {
    shellOrigin: shellOrigin(company, behaviour, sandboxUrl),
    cspSources: policy.replace(/^frame-ancestors /, '').split(' '),
    handshakeOrigins: (meta?.[1] ?? '').split(' '),
  }
}

describe.each(settings)('framing parent %s', (setting) => {
  test('shell origin may frame the page', async () => {
    const page = await framedPage(setting)

    expect(page.cspSources).toContain(page.shellOrigin)
  })

  test('shell origin passes the SSO check', async () => {
    const page = await framedPage(setting)

    expect(matchesOrigin(page.shellOrigin, page.handshakeOrigins)).toBe(true)
  })

  test('foreign origins are rejected', async () => {
    const page = await framedPage(setting)
    const foreign =
      setting === 'sandbox' ? foreignOrigins : [...foreignOrigins, sandboxUrl]

    for (const origin of foreign) {
      expect(page.cspSources, origin).not.toContain(origin)
      expect(matchesOrigin(origin, page.handshakeOrigins), origin).toBe(false)
    }
  })
})

describe('framing parent origins', () => {
  test('each setting has its own shell origin', async () => {
    const origins = await Promise.all(
      settings.map(async (setting) => (await framedPage(setting)).shellOrigin),
    )

    expect(origins).toEqual([
      'http://app.summit-agency.localhost:4100',
      'http://app.gohighlevel.localhost:4100',
      'http://127.0.0.1:4100',
    ])
  })
})

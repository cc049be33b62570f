import { tempPostgresUrl } from '@hoopkit/testing'
import { describe, expect, test } from 'vitest'
import {
  consent,
  type OauthBackendOptions,
  type OauthTestBackend,
  seedIds,
  startOauthBackend,
} from './oauth-test-backend.js'
import { startWebhookBackend } from './webhook-test-backend.js'

async function tableRows(backend: OauthTestBackend) {
  const { db } = backend.services.database
  return {
    installs: await db
      .selectFrom('installs')
      .selectAll()
      .orderBy('id')
      .execute(),
    tokens: await db
      .selectFrom('tokens')
      .selectAll()
      .orderBy('resource_id')
      .execute(),
  }
}

function codeExchanges(backend: OauthTestBackend): number {
  return backend.sandbox.context.activity
    .list()
    .filter((entry) => entry.summary.startsWith('code exchanged')).length
}

/** Waits until the backend's inbox stores an INSTALL for each resource. */
async function installWebhooksStored(
  backend: OauthTestBackend,
  resourceIds: string[],
): Promise<void> {
  const { inbox } = backend.services.webhooks
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const stored = await Promise.all(
      resourceIds.map(async (id) =>
        (await inbox.recent(id, 5)).some((event) => event.type === 'INSTALL'),
      ),
    )
    if (stored.every(Boolean)) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`INSTALL webhooks for ${resourceIds.join(', ')} not stored`)
}

const postgresUrl = await tempPostgresUrl()

/** Backend settings that the platform rejects at the code exchange. */
const misconfigurations: {
  name: string
  options: OauthBackendOptions
  status: number
  code: string
  variable: string
}[] = [
  {
    name: 'wrong client secret',
    options: {
      env: { HOOPAI_CLIENT_SECRET: 'c0ffee00-0000-4000-8000-0000000000ff' },
    },
    status: 502,
    code: 'OAUTH_CONFIG_INVALID',
    variable: 'HOOPAI_CLIENT_SECRET',
  },
  {
    name: 'mismatched user type',
    options: {
      env: { HOOPAI_USER_TYPE: 'Company' },
      platform: { userTypeAtExchange: 'must-match' },
    },
    status: 502,
    code: 'OAUTH_CONFIG_INVALID',
    variable: 'HOOPAI_USER_TYPE',
  },
  {
    name: 'tampered redirect URI',
    options: {
      env: { HOOPAI_REDIRECT_URI: 'http://127.0.0.1:9/oauth/callback' },
    },
    status: 400,
    code: 'OAUTH_REDIRECT_MISMATCH',
    variable: 'HOOPAI_REDIRECT_URI',
  },
]

describe('GET /oauth/callback', () => {
  test('installs on one sub-account', async () => {
    await using backend = await startOauthBackend()

    const callback = await consent(backend, {
      userId: seedIds.harborUser,
      target: [seedIds.harbor],
    })
    const response = await fetch(callback)
    const page = await response.text()
    const appId = backend.services.oauth.appId
    const stored = await backend.services.oauth.tokens.get(
      appId,
      seedIds.harbor,
    )
    const rows = await tableRows(backend)
    const columns = JSON.stringify(rows.tokens)

    expect(callback.origin).toBe(backend.url)
    expect(callback.pathname).toBe('/oauth/callback')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/html')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(page).toContain('Lead Notes is installed')
    expect(page).toContain('Harbor Dental')
    expect(page).toContain(seedIds.harbor)
    expect(page).toContain('contacts.readonly')
    expect(page).toContain('What to do next')
    expect(stored?.userType).toBe('Location')
    expect(stored?.locationId).toBe(seedIds.harbor)
    expect(stored?.scope?.split(' ')).toContain('contacts.write')
    expect(stored?.accessToken.length).toBeGreaterThan(20)
    expect(rows.installs).toHaveLength(1)
    expect(rows.installs[0]?.status).toBe('active')
    expect(rows.tokens).toHaveLength(1)
    expect(columns).not.toContain(stored?.accessToken)
    expect(columns).not.toContain(stored?.refreshToken)
    expect(page).not.toContain(stored?.accessToken)
  })

  test.each([false, true])(
    'bulk install mints each location (approvedLocations sent: %s)',
    async (sendApprovedLocations) => {
      await using backend = await startOauthBackend({
        platform: { sendApprovedLocations },
      })

      const callback = await consent(backend, {
        userId: seedIds.agencyAdmin,
        target: [seedIds.harbor, seedIds.peak],
      })
      const response = await fetch(callback)
      const page = await response.text()
      const { oauth } = backend.services
      const company = await oauth.tokens.get(oauth.appId, seedIds.company)
      const harbor = await oauth.tokens.get(oauth.appId, seedIds.harbor)
      const peak = await oauth.tokens.get(oauth.appId, seedIds.peak)
      const rows = await tableRows(backend)

      expect(response.status).toBe(200)
      expect(page).toContain('Harbor Dental')
      expect(page).toContain('Peak Fitness')
      expect(company?.userType).toBe('Company')
      expect(harbor?.userType).toBe('Location')
      expect(harbor?.locationId).toBe(seedIds.harbor)
      expect(harbor?.refreshToken).not.toBeNull()
      expect(peak?.locationId).toBe(seedIds.peak)
      expect(peak?.refreshToken).not.toBeNull()
      expect(rows.tokens.map((row) => row.resource_id).sort()).toEqual(
        [seedIds.company, seedIds.harbor, seedIds.peak].sort(),
      )
      expect(rows.installs.every((row) => row.status === 'active')).toBe(true)
    },
  )

  test.skipIf(postgresUrl === undefined)(
    'bulk install on PostgreSQL',
    async () => {
      await using backend = await startOauthBackend({
        env: { DATABASE_URL: postgresUrl ?? '' },
      })
      const callback = await consent(backend, {
        userId: seedIds.agencyAdmin,
        target: [seedIds.harbor, seedIds.peak],
      })

      const first = fetch(callback)
      const second = fetch(callback)
      const [firstResponse, secondResponse] = await Promise.all([first, second])
      const rows = await tableRows(backend)

      expect(backend.services.database.kind).toBe('postgres')
      expect(firstResponse.status).toBe(200)
      expect(secondResponse.status).toBe(200)
      expect(codeExchanges(backend)).toBe(1)
      expect(rows.tokens.map((row) => row.resource_id).sort()).toEqual(
        [seedIds.company, seedIds.harbor, seedIds.peak].sort(),
      )
    },
  )

  test('bulk install page names agency', async () => {
    await using backend = await startWebhookBackend()
    const callback = await consent(backend, {
      userId: seedIds.agencyAdmin,
      target: [seedIds.harbor, seedIds.peak],
    })
    await installWebhooksStored(backend, [seedIds.harbor, seedIds.peak])

    const response = await fetch(callback)
    const page = await response.text()

    expect(response.status).toBe(200)
    expect(page).toContain(
      'installed on the agency Summit Digital Agency ' +
        `(<code>${seedIds.company}</code>)`,
    )
  })

  test('bulk install page lists location INSTALLs', async () => {
    await using backend = await startWebhookBackend()
    const callback = await consent(backend, {
      userId: seedIds.agencyAdmin,
      target: [seedIds.harbor, seedIds.peak],
    })
    await installWebhooksStored(backend, [seedIds.harbor, seedIds.peak])

    const page = await (await fetch(callback)).text()
    const events = page.slice(page.indexOf('<h2>Webhooks received</h2>'))

    expect(events).toContain('<th>Type</th><th>Account</th><th>Received</th>')
    expect(events).toMatch(/<tr><td>INSTALL<\/td><td>Harbor Dental<\/td>/)
    expect(events).toMatch(/<tr><td>INSTALL<\/td><td>Peak Fitness<\/td>/)
    expect(events).not.toContain('None yet.')
  })

  test('agency install page names agency', async () => {
    await using backend = await startOauthBackend()
    const callback = await consent(backend, {
      userId: seedIds.agencyAdmin,
      target: 'agency',
    })

    const response = await fetch(callback)
    const page = await response.text()

    expect(response.status).toBe(200)
    expect(page).toContain(
      'installed on the agency Summit Digital Agency ' +
        `(<code>${seedIds.company}</code>)`,
    )
    expect(backend.logLines.join('')).not.toContain('name lookup failed')
  })

  test('denied consent shows cancelled page', async () => {
    await using backend = await startOauthBackend()
    const query = new URLSearchParams({
      error: 'access_denied',
      error_description: 'The user denied the request',
    })

    const response = await fetch(`${backend.url}/oauth/callback?${query}`)
    const page = await response.text()
    const rows = await tableRows(backend)
    const log = backend.logLines.join('')

    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(page).toContain('The install was cancelled')
    expect(page).toContain('The user denied the request')
    expect(page).toContain('<code>access_denied</code>')
    expect(page).toContain('Nothing was installed')
    expect(page).toContain('start the install again from the marketplace')
    expect(rows.installs).toEqual([])
    expect(rows.tokens).toEqual([])
    expect(codeExchanges(backend)).toBe(0)
    expect(log).toContain('install cancelled at the consent page')
    expect(log).toContain('"oauthError":"access_denied"')
  })

  test('platform error shows its code', async () => {
    await using backend = await startOauthBackend()
    const query = new URLSearchParams({
      error: 'invalid_scope',
      error_description: '<b>scope</b> is not allowed',
    })

    const response = await fetch(`${backend.url}/oauth/callback?${query}`)
    const page = await response.text()
    const rows = await tableRows(backend)

    expect(response.status).toBe(400)
    expect(page).toContain('The install could not be finished')
    expect(page).toContain('<code>invalid_scope</code>')
    expect(page).toContain('&lt;b&gt;scope&lt;/b&gt; is not allowed')
    expect(page).not.toContain('<b>scope</b>')
    expect(rows.installs).toEqual([])
    expect(backend.logLines.join('')).toContain(
      'install callback got an error from the platform',
    )
  })

  test('error wins over a code', async () => {
    await using backend = await startOauthBackend()
    const callback = await consent(backend, {
      userId: seedIds.harborUser,
      target: [seedIds.harbor],
    })
    callback.searchParams.set('error', 'access_denied')

    const response = await fetch(callback)
    const page = await response.text()
    const rows = await tableRows(backend)

    expect(response.status).toBe(200)
    expect(page).toContain('The install was cancelled')
    expect(codeExchanges(backend)).toBe(0)
    expect(rows.tokens).toEqual([])
  })

  test('repeated callback shows same page', async () => {
    await using backend = await startOauthBackend()
    const callback = await consent(backend, {
      userId: seedIds.harborUser,
      target: [seedIds.harbor],
    })

    const first = fetch(callback)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const second = fetch(callback)
    const [firstResponse, secondResponse] = await Promise.all([first, second])
    const firstPage = await firstResponse.text()
    const secondPage = await secondResponse.text()
    const rows = await tableRows(backend)

    expect(firstResponse.status).toBe(200)
    expect(secondResponse.status).toBe(200)
    expect(secondPage).toBe(firstPage)
    expect(codeExchanges(backend)).toBe(1)
    expect(rows.tokens).toHaveLength(1)
    expect(rows.tokens[0]?.version).toBe(1)
  })

  test('bad input changes nothing stored', async () => {
    await using backend = await startOauthBackend()
    const good = await consent(backend, {
      userId: seedIds.harborUser,
      target: [seedIds.harbor],
    })
    expect((await fetch(good)).status).toBe(200)
    const before = await tableRows(backend)

    const missing = await fetch(`${backend.url}/oauth/callback`)
    const missingPage = await missing.text()
    const unknown = await fetch(`${backend.url}/oauth/callback?code=0123abcd`)
    const unknownPage = await unknown.text()
    const reused = await fetch(good)
    const after = await tableRows(backend)

    expect(missing.status).toBe(400)
    expect(missingPage).toContain('The install could not be finished')
    expect(missingPage).toContain('expected a code query parameter')
    expect(missingPage).toContain('OAUTH_CODE_MISSING')
    expect(unknown.status).toBe(400)
    expect(unknownPage).toContain('OAUTH_CODE_INVALID')
    expect(unknownPage).toContain(
      'Start the install again from the marketplace',
    )
    expect(reused.status).toBe(200)
    expect(after).toEqual(before)
  })

  test.each(misconfigurations)('$name shows error page', async (setup) => {
    await using backend = await startOauthBackend(setup.options)
    const callback = await consent(backend, {
      userId: seedIds.harborUser,
      target: [seedIds.harbor],
    })

    const response = await fetch(
      `${backend.url}/oauth/callback${callback.search}`,
    )
    const page = await response.text()
    const rows = await tableRows(backend)

    expect(response.status).toBe(setup.status)
    expect(page).toContain(setup.code)
    expect(page).toContain(setup.variable)
    expect(page).not.toContain(backend.services.env.HOOPAI_CLIENT_SECRET)
    expect(page).not.toContain(backend.app.clientSecret)
    expect(rows.installs).toEqual([])
    expect(rows.tokens).toEqual([])
  })

  test('full flow logs no token', async () => {
    await using backend = await startOauthBackend()
    const callback = await consent(backend, {
      userId: seedIds.agencyAdmin,
      target: [seedIds.harbor, seedIds.peak],
    })
    expect((await fetch(callback)).status).toBe(200)
    const { oauth } = backend.services
    const target = {
      appId: oauth.appId,
      userType: 'Location',
      resourceId: seedIds.harbor,
    } as const
    const before = await oauth.tokens.get(oauth.appId, seedIds.harbor)
    const first = await oauth.refresher.accessToken(target)
    await oauth.refresher.refreshAfterUnauthorized(target, first)

    const rows = await backend.services.database.db
      .selectFrom('tokens')
      .select(['app_id', 'resource_id'])
      .execute()
    const secrets = [before?.accessToken, before?.refreshToken]
    for (const row of rows) {
      const stored = await oauth.tokens.get(row.app_id, row.resource_id)
      secrets.push(stored?.accessToken, stored?.refreshToken)
    }
    const log = backend.logLines.join('')

    expect(secrets.filter((secret) => secret)).toHaveLength(8)
    expect(log).toContain('install tokens stored')
    expect(log).toContain('location token minted')
    expect(log).toContain('token refreshed')
    for (const secret of secrets) {
      expect(log).not.toContain(secret)
    }
    expect(log).not.toContain(backend.app.clientSecret)
    expect(log).not.toContain(callback.searchParams.get('code'))
    expect(log).toContain('install callback succeeded')
  })
})

import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import { describe, expect, test } from 'vitest'
import { startSandbox } from '../../src/sandbox-server.js'
import { seedIds } from '../../src/state/seed-data.js'
import { navigationLinks } from '../../src/ui/layout.js'
import {
  install,
  startTestPlatform,
  testDeclaration,
} from './oauth-test-helpers.js'

function postForm(url: string, fields: Record<string, string>) {
  return fetch(url, {
    method: 'POST',
    body: new URLSearchParams(fields),
    redirect: 'manual',
  })
}

describe('sandbox UI', () => {
  test('lists accounts, app and install link', async () => {
    await using platform = await startTestPlatform()
    const response = await fetch(
      `${platform.sandbox.url}/?as=${seedIds.peakUser}`,
    )
    const page = await response.text()

    expect(response.status).toBe(200)
    expect(page).toContain('Summit Digital Agency')
    expect(page).toContain('Harbor Dental')
    expect(page).toContain(platform.app.clientId)
    expect(page).toContain('/v2/oauth/chooselocation?')
    expect(page).toContain(`as=${seedIds.peakUser}`)
    expect(page).toContain('href="/ui/sandbox.css"')
    for (const link of navigationLinks) {
      expect(page).toContain(`href="${link.href}`)
    }
  })

  test('shows the backend environment', async () => {
    await using platform = await startTestPlatform()
    const page = await (await fetch(`${platform.sandbox.url}/`)).text()
    const pre = /<pre>([\s\S]*?)<\/pre>/.exec(page)?.[1] ?? ''
    const env = parseEnv(pre.replaceAll('&quot;', '"'))
    const { app, sandbox } = platform

    expect(env['HOOPAI_CLIENT_ID']).toBe(app.clientId)
    expect(env['HOOPAI_CLIENT_SECRET']).toBe(app.clientSecret)
    expect(env['HOOPAI_API_URL']).toBe(sandbox.url)
    expect(env['HOOPAI_MARKETPLACE_URL']).toBe(sandbox.url)
    expect(env['HOOPAI_WEBHOOK_PUBLIC_KEY']).toBe(
      sandbox.context.webhookKeys.publicKeyPem.trim(),
    )
  })

  test('install button preselects its row', async () => {
    await using platform = await startTestPlatform()
    const dashboard = await (await fetch(`${platform.sandbox.url}/`)).text()
    const links = [...dashboard.matchAll(/href="(\/v2\/oauth\/[^"]+)"/g)].map(
      (match) => (match[1] ?? '').replaceAll('&amp;', '&'),
    )
    const peakLink = links.find((link) =>
      link.includes(`preselect=${seedIds.peak}`),
    )
    const page = await (
      await fetch(`${platform.sandbox.url}${peakLink}`)
    ).text()

    expect(links).toHaveLength(3)
    expect(page).toContain(`name="location_id" value="${seedIds.peak}" checked`)
    expect(page).not.toContain(
      `name="location_id" value="${seedIds.harbor}" checked`,
    )
    expect(page).toContain('name="target" value="locations" checked')
  })

  test('uninstall button revokes and notifies', async () => {
    await using platform = await startTestPlatform()
    const tokens = await install(platform)
    const response = await postForm(`${platform.sandbox.url}/ui/uninstall`, {
      appId: platform.app.appId,
      resourceId: seedIds.harbor,
    })
    const { auth, installs } = platform.sandbox.context

    expect(response.status).toBe(303)
    expect(installs.find(platform.app.appId, seedIds.harbor)).toBeUndefined()
    expect(
      auth.authenticate(`Bearer ${String(tokens['access_token'])}`).ok,
    ).toBe(false)
    expect(platform.webhooks.at(-1)?.['type']).toBe('UNINSTALL')
  })

  test('suspension toggle marks resource', async () => {
    await using platform = await startTestPlatform()
    await install(platform)
    const url = `${platform.sandbox.url}/ui/suspension`
    const fields = { appId: platform.app.appId, resourceId: seedIds.harbor }
    await postForm(url, { ...fields, suspended: 'true' })
    const { installs } = platform.sandbox.context
    const suspended = installs.isSuspended(seedIds.harbor)
    await postForm(url, { ...fields, suspended: 'false' })

    expect(suspended).toBe(true)
    expect(installs.isSuspended(seedIds.harbor)).toBe(false)
  })

  test('activity page shows grants and webhooks', async () => {
    await using platform = await startTestPlatform()
    await install(platform)
    const page = await (
      await fetch(`${platform.sandbox.url}/ui/activity`)
    ).text()

    expect(page).toContain('INSTALL queued for SbxLocHarborDental01')
    expect(page).toContain('code exchanged for a Location token')
  })

  test('escapes text in pages', async () => {
    await using platform = await startTestPlatform()
    const query = new URLSearchParams({ client_id: '<script>x</script>' })
    const page = await (
      await fetch(`${platform.sandbox.url}/v2/oauth/chooselocation?${query}`)
    ).text()

    expect(page).not.toContain('<script>x')
    expect(page).toContain('&lt;script&gt;x')
  })
})

describe('sandbox persistence', () => {
  test('keeps app, installs and tokens across restarts', async () => {
    const persistFile = join(
      mkdtempSync(join(tmpdir(), 'sandbox-')),
      'sandbox.json',
    )
    const first = await startSandbox({ persistFile })
    const app = first.registerApp(testDeclaration, {
      publicUrl: 'http://127.0.0.1:9/',
    })
    const platform = {
      sandbox: first,
      app,
      webhooks: [],
      close: () => first.close(),
      [Symbol.asyncDispose]: () => first.close(),
    }
    const tokens = await install(platform)
    await first.close()

    await using second = await startSandbox({ persistFile })
    const again = second.registerApp(testDeclaration, {
      publicUrl: 'http://127.0.0.1:9/',
    })
    const auth = second.context.auth.authenticate(
      `Bearer ${String(tokens['access_token'])}`,
    )

    expect(again.clientId).toBe(app.clientId)
    expect(again.clientSecret).toBe(app.clientSecret)
    expect(
      second.context.installs.find(app.appId, seedIds.harbor),
    ).toBeDefined()
    expect(auth.ok).toBe(true)
  })
})

describe('registerApp', () => {
  test('derives credentials and URLs from the declaration', async () => {
    await using sandbox = await startSandbox()
    const app = sandbox.registerApp(testDeclaration, {
      publicUrl: 'https://notes.example.test',
    })

    expect(app.appId).toMatch(/^[0-9a-f]{24}$/)
    expect(app.clientId).toMatch(new RegExp(`^${app.appId}-[0-9a-z]{8}$`))
    expect(app.versionId).toMatch(/^[0-9a-f]{24}$/)
    expect(app.clientSecret).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    )
    expect(app.ssoKey).not.toBeNull()
    expect(app.redirectUri).toBe('https://notes.example.test/oauth/callback')
    expect(app.webhookUrl).toBe('https://notes.example.test/webhooks')
    expect(app.scopes).toEqual(testDeclaration.scopes)
  })
})

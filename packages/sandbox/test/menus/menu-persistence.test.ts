import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineApp } from '@hoopkit/core'
import { describe, expect, test } from 'vitest'
import { sandboxMenus } from '../../src/menus/sandbox-menus.js'
import { type Sandbox, startSandbox } from '../../src/sandbox-server.js'
import { seedIds } from '../../src/state/seed-data.js'
import { install, type TestPlatform } from '../oauth/oauth-test-helpers.js'

const declaration = defineApp({
  name: 'Menu Persistence Test',
  description: 'Creates custom menu links.',
  redirectUri: '/oauth/callback',
  scopes: ['custom-menu-link.readonly', 'custom-menu-link.write'],
  webhook: { url: '/webhooks', events: ['INSTALL', 'UNINSTALL'] },
})
const publicUrl = 'http://127.0.0.1:9/'

function menuBody(title: string) {
  return {
    title,
    url: 'http://127.0.0.1:9/pages/?locationId={{location.id}}',
    icon: { name: 'chart-line', fontFamily: 'fas' },
    showOnCompany: true,
    showOnLocation: true,
    showToAllLocations: true,
    openMode: 'iframe',
    locations: [],
    userRole: 'all',
  }
}

async function menuCall(
  sandbox: Sandbox,
  token: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      version: '2021-07-28',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  }
}

function asPlatform(sandbox: Sandbox): TestPlatform {
  const app = sandbox.registerApp(declaration, { publicUrl })
  const close = () => sandbox.close()
  return { sandbox, app, webhooks: [], close, [Symbol.asyncDispose]: close }
}

describe('sandbox menu persistence', () => {
  test('menus survive a restart', async () => {
    const persistFile = join(
      mkdtempSync(join(tmpdir(), 'sandbox-menus-')),
      'sandbox.json',
    )
    const first = asPlatform(await startSandbox({ persistFile }))
    const tokens = await install(first, {
      userId: seedIds.agencyAdmin,
      target: 'agency',
      locationIds: [],
    })
    const token = String(tokens['access_token'])
    const renamed = await menuCall(
      first.sandbox,
      token,
      'POST',
      '/custom-menus/',
      {
        ...menuBody('Lead scores'),
      },
    )
    const deleted = await menuCall(
      first.sandbox,
      token,
      'POST',
      '/custom-menus/',
      menuBody('Old report'),
    )
    const renamedId = String((renamed.body['customMenu'] as { id: string }).id)
    const deletedId = String((deleted.body['customMenu'] as { id: string }).id)
    await menuCall(first.sandbox, token, 'PUT', `/custom-menus/${renamedId}`, {
      title: 'Lead health',
    })
    await menuCall(first.sandbox, token, 'DELETE', `/custom-menus/${deletedId}`)
    await first.close()

    await using second = await startSandbox({ persistFile })
    const listed = await menuCall(
      second,
      token,
      'GET',
      `/custom-menus/?locationId=${seedIds.company}&skip=0&limit=20`,
    )
    const created = await menuCall(second, token, 'POST', '/custom-menus/', {
      ...menuBody('New link'),
    })
    const menus = listed.body['customMenus'] as { id: string; title: string }[]

    expect(listed.status).toBe(200)
    expect(menus.map((menu) => menu.id)).toEqual([renamedId])
    expect(menus[0]?.title).toBe('Lead health')
    expect(sandboxMenus(second.context).menus.get(renamedId)?.companyId).toBe(
      seedIds.company,
    )
    expect((created.body['customMenu'] as { order: number }).order).toBe(3)
  })

  test('file without menus still loads', async () => {
    const persistFile = join(
      mkdtempSync(join(tmpdir(), 'sandbox-menus-')),
      'sandbox.json',
    )
    const first = await startSandbox({ persistFile })
    first.registerApp(declaration, { publicUrl })
    await first.close()
    const written = JSON.parse(readFileSync(persistFile, 'utf8'))
    delete written.menus
    writeFileSync(persistFile, JSON.stringify(written))

    await using second = await startSandbox({ persistFile })

    expect(sandboxMenus(second.context).menus.size).toBe(0)
    expect(second.context.state.apps.size).toBe(1)
  })
})

import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { seedIds } from '../../src/state/seed-data.js'
import {
  type BillingPlatform,
  startBillingPlatform,
} from '../billing/billing-test-platform.js'

let platform: BillingPlatform

const menuBody = {
  title: 'Lead scores',
  url: 'http://127.0.0.1:9/pages/scores',
  icon: { name: 'chart-line', fontFamily: 'fas' },
  showOnCompany: true,
  showOnLocation: true,
  showToAllLocations: true,
  openMode: 'iframe',
  locations: [],
  userRole: 'all',
}

async function tokenOf(resourceId: string): Promise<string> {
  const stored = await platform.oauth.tokens.get(platform.app.appId, resourceId)
  return stored?.accessToken ?? ''
}

async function call(
  method: string,
  path: string,
  options: { token: string; version?: string | null; body?: unknown },
) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${options.token}`,
  }
  if (options.version !== null) {
    headers['version'] = options.version ?? '2021-07-28'
  }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json'
  }
  const response = await fetch(`${platform.sandbox.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  }
}

beforeEach(async () => {
  platform = await startBillingPlatform()
  await platform.installAgency()
})

afterEach(async () => {
  await platform[Symbol.asyncDispose]()
})

describe('sandbox custom menu routes', () => {
  test('create returns 201 with id and order', async () => {
    const token = await tokenOf(seedIds.company)

    const created = await call('POST', '/custom-menus/', {
      token,
      body: menuBody,
    })

    expect(created.status).toBe(201)
    const menu = created.body['customMenu'] as Record<string, unknown>
    expect(typeof menu['id']).toBe('string')
    expect(menu['order']).toBe(1)
    expect(menu['title']).toBe('Lead scores')
  })

  test('list returns links and total', async () => {
    const token = await tokenOf(seedIds.company)
    await call('POST', '/custom-menus/', { token, body: menuBody })

    const listed = await call('GET', '/custom-menus/?skip=0&limit=20', {
      token,
    })

    expect(listed.status).toBe(200)
    expect(listed.body['totalLinks']).toBe(1)
    expect(listed.body['customMenus']).toHaveLength(1)
  })

  test('missing Version gets 400', async () => {
    const token = await tokenOf(seedIds.company)

    const result = await call('GET', '/custom-menus/', { token, version: null })

    expect(result.status).toBe(400)
  })

  test('Location token gets 403', async () => {
    await platform.installLocation(seedIds.harbor)
    const token = await tokenOf(seedIds.harbor)

    const result = await call('POST', '/custom-menus/', {
      token,
      body: menuBody,
    })

    expect(result.status).toBe(403)
  })

  test('missing field gets 422', async () => {
    const token = await tokenOf(seedIds.company)
    const { openMode: _openMode, ...body } = menuBody

    const result = await call('POST', '/custom-menus/', { token, body })

    expect(result.status).toBe(422)
    expect(result.body['message']).toEqual([
      'openMode Invalid option: expected one of "iframe"|"new_tab"|"current_tab"',
    ])
  })

  test('delete returns deleted id', async () => {
    const token = await tokenOf(seedIds.company)
    const created = await call('POST', '/custom-menus/', {
      token,
      body: menuBody,
    })
    const id = (created.body['customMenu'] as { id: string }).id

    const deleted = await call('DELETE', `/custom-menus/${id}`, { token })
    const again = await call('GET', `/custom-menus/${id}`, { token })

    expect(deleted.body['success']).toBe(true)
    expect(deleted.body['deletedMenuId']).toBe(id)
    expect(again.status).toBe(404)
  })
})

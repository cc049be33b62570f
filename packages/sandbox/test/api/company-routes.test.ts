import { describe, expect, test } from 'vitest'
import { seedIds } from '../../src/state/seed-data.js'
import { startApiTestPlatform } from './api-test-platform.js'

const menu = {
  title: 'Lead notes',
  url: 'https://app.example.test/pages/notes',
  icon: { name: 'note-sticky', fontFamily: 'fas' as const },
  showOnCompany: true,
  showOnLocation: true,
  showToAllLocations: true,
  openMode: 'iframe' as const,
  locations: [],
  userRole: 'all' as const,
}

describe('ApiClient company endpoints on sandbox', () => {
  test('custom menus round trip', async () => {
    await using platform = await startApiTestPlatform()
    await platform.installAgency()
    const menus = platform.client.company(seedIds.company).customMenus

    const { customMenu } = await menus.create(menu)
    const listed = await menus.list()
    const read = await menus.get(customMenu.id)
    const updated = await menus.update(customMenu.id, { title: 'Notes' })
    const deleted = await menus.delete(customMenu.id)

    expect(customMenu.title).toBe('Lead notes')
    expect(listed.customMenus.map((m) => m.id)).toContain(customMenu.id)
    expect(read.customMenu.url).toBe(menu.url)
    expect(updated.customMenu?.title).toBe('Notes')
    expect(deleted.deletedMenuId).toBe(customMenu.id)
    const bucket = `${platform.app.appId}:${seedIds.company}`
    const requests = platform.sandbox.context.api.limits.requestsOf(bucket)
    expect(requests.map((r) => r.status)).toEqual([201, 200, 200, 200, 200])
  })

  test('agency reads its installation', async () => {
    await using platform = await startApiTestPlatform()
    await platform.installAgency()

    const { installationDetails } = await platform.client
      .company(seedIds.company)
      .installation.get()

    expect(installationDetails.companyId).toBe(seedIds.company)
    expect(installationDetails.locationId).toBeUndefined()
    expect(installationDetails.companyName).toBe('Summit Digital Agency')
  })

  test('company token on location route gets 403', async () => {
    await using platform = await startApiTestPlatform()
    await platform.installAgency()
    const response = await platform.rawGet(
      `/contacts/?locationId=${seedIds.harbor}`,
      { userType: 'Company' },
    )

    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({
      statusCode: 403,
      message: 'The token does not have access to this location',
    })
  })
})

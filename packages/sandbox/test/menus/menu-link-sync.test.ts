import {
  type MenuLinkInput,
  MenuLinkSync,
  menuLinkSchema,
  UninstallCleanup,
} from '@hoopkit/core'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { sandboxMenus } from '../../src/menus/sandbox-menus.js'
import { seedIds } from '../../src/state/seed-data.js'
import {
  type BillingPlatform,
  startBillingPlatformOn,
} from '../billing/billing-test-platform.js'

const declared: MenuLinkInput[] = [
  {
    key: 'scores',
    title: 'Lead scores',
    url: '/pages/scores',
    icon: { name: 'chart-line', fontFamily: 'fas' },
  },
  {
    key: 'admin',
    title: 'Scoring settings',
    url: '/pages/settings',
    icon: { name: 'gear', fontFamily: 'fas' },
    showOnLocation: false,
    userRole: 'admin',
  },
]

let platform: BillingPlatform

function menuSync(links: MenuLinkInput[] = declared): MenuLinkSync {
  return new MenuLinkSync({
    database: platform.database,
    client: platform.client,
    appId: platform.app.appId,
    links: links.map((link) => menuLinkSchema.parse(link)),
    publicUrl: 'http://127.0.0.1:9/',
  })
}

function navigation(locationId: string | null, role: 'admin' | 'user') {
  return sandboxMenus(platform.sandbox.context)
    .navigationLinks({ companyId: seedIds.company, locationId, role })
    .map((link) => link.title)
}

let started: BillingPlatform | undefined

afterEach(async () => {
  await started?.[Symbol.asyncDispose]()
  started = undefined
})

describe.each(['sqlite', 'postgres'] as const)('MenuLinkSync on %s', (kind) => {
  beforeEach(async (context) => {
    started = await startBillingPlatformOn(kind, context)
    if (started === undefined) {
      return
    }
    platform = started
  })

  test('creates links on agency install', async () => {
    menuSync().syncOnInstall(platform.oauth.hooks)

    await platform.installAgency()

    expect(navigation(null, 'admin')).toEqual([
      'Lead scores',
      'Scoring settings',
    ])
    expect(navigation(null, 'user')).toEqual(['Lead scores'])
    expect(navigation(seedIds.harbor, 'admin')).toEqual(['Lead scores'])
    const menu = sandboxMenus(platform.sandbox.context).ofCompany(
      seedIds.company,
    )[0]
    expect(menu?.url).toBe('http://127.0.0.1:9/pages/scores')
    expect(menu?.openMode).toBe('iframe')
  })

  test('second sync changes nothing', async () => {
    await platform.installAgency()
    const sync = menuSync()
    await sync.sync(seedIds.company)

    const again = await sync.sync(seedIds.company)

    expect(again).toEqual({
      created: [],
      updated: [],
      deleted: [],
      unchanged: ['scores', 'admin'],
    })
    expect(sandboxMenus(platform.sandbox.context).menus.size).toBe(2)
  })

  test('changed declaration updates in place', async () => {
    await platform.installAgency()
    await menuSync().sync(seedIds.company)
    const before = sandboxMenus(platform.sandbox.context).ofCompany(
      seedIds.company,
    )
    const renamed = [{ ...declared[0], title: 'Lead health' } as MenuLinkInput]

    const summary = await menuSync(renamed).sync(seedIds.company)

    expect(summary.updated).toEqual(['scores'])
    expect(summary.deleted).toEqual(['admin'])
    const after = sandboxMenus(platform.sandbox.context).ofCompany(
      seedIds.company,
    )
    expect(after.map((menu) => menu.title)).toEqual(['Lead health'])
    expect(after[0]?.id).toBe(before[0]?.id)
  })

  test('recreates link deleted on platform', async () => {
    await platform.installAgency()
    const sync = menuSync()
    await sync.sync(seedIds.company)
    sandboxMenus(platform.sandbox.context).menus.clear()
    const changed = [{ ...declared[0], title: 'Lead health' } as MenuLinkInput]

    const summary = await menuSync(changed).sync(seedIds.company)

    expect(summary.created).toEqual(['scores'])
    expect(navigation(null, 'admin')).toEqual(['Lead health'])
  })

  test('recreates unchanged link deleted on platform', async () => {
    await platform.installAgency()
    const sync = menuSync()
    await sync.sync(seedIds.company)
    sandboxMenus(platform.sandbox.context).menus.clear()

    const summary = await sync.sync(seedIds.company)

    expect(summary.created).toEqual(['scores', 'admin'])
    expect(summary.unchanged).toEqual([])
    expect(sandboxMenus(platform.sandbox.context).menus.size).toBe(2)
  })

  test('concurrent syncs create each link once', async () => {
    await platform.installAgency()

    await Promise.all([
      menuSync().sync(seedIds.company),
      menuSync().sync(seedIds.company),
    ])

    expect(sandboxMenus(platform.sandbox.context).menus.size).toBe(2)
  })

  test('uninstall removes links', async () => {
    const sync = menuSync()
    sync.syncOnInstall(platform.oauth.hooks)
    await platform.installAgency()
    const cleanup = new UninstallCleanup().add('menu links', (install) =>
      sync.forgetOnUninstall(install),
    )
    const install = await platform.oauth.installs.get(
      platform.app.appId,
      seedIds.company,
    )

    platform.sandbox.context.installFlow.uninstall(
      platform.app.appId,
      seedIds.company,
    )
    await cleanup.run(install ?? expect.unreachable('no install stored'))

    expect(navigation(null, 'admin')).toEqual([])
    const rows = await sync.store.list(platform.app.appId, seedIds.company)
    expect(rows).toEqual([])
  })

  test('remove deletes links on demand', async () => {
    await platform.installAgency()
    const sync = menuSync()
    await sync.sync(seedIds.company)

    const removed = await sync.remove(seedIds.company)

    expect(removed).toBe(2)
    expect(sandboxMenus(platform.sandbox.context).menus.size).toBe(0)
  })
})

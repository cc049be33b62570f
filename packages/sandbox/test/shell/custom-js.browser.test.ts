import { defineApp } from '@hoopkit/core'
import {
  chromiumSkipReason,
  launchChromium,
  localOnlyResolverRules,
  screenshotOnFailure,
  type TestBrowser,
} from '@hoopkit/testing'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import type { PlatformBehaviour } from '../../src/platform-behaviour.js'
import { type Sandbox, startSandbox } from '../../src/sandbox-server.js'
import { seedIds } from '../../src/state/seed-data.js'
import { installOnHarbor } from './install-on-harbor.js'

const skipReason = chromiumSkipReason()
const appOrigin = 'http://127.0.0.1:9'

// The Custom JS under test records what it finds at start, at each route
// event and from AppUtils, into `window.probe`.
const probeScript = `
window.probe = { atStart: typeof window.AppUtils, events: [] }
for (const name of ['routeLoaded', 'routeChangeEvent']) {
  window.addEventListener(name, async () => {
    const route = await window.AppUtils.RouteHelper.getCurrentRoute()
    window.probe.events.push({ name, path: route.path, params: route.params })
  })
}
window.addEventListener('routeLoaded', async () => {
  await window.AppUtils.Storage.setData('note', { saved: true })
  window.probe.stored = localStorage.getItem('custom_note')
  window.probe.user = await window.AppUtils.Utilities.getCurrentUser()
  window.probe.company = window.AppUtils.Utilities.getCompany()
  window.probe.payload = await window.exposeSessionDetails(window.probeAppId)
})
`

const declaration = defineApp({
  name: 'Custom JS Probe',
  description: 'Records what the shell offers to Custom JS.',
  redirectUri: '/oauth/callback',
  scopes: ['contacts.readonly'],
  webhook: { url: '/webhooks' },
  customJs: '/probe.js',
})

interface Probe {
  atStart: string
  events: { name: string; path: string; params: Record<string, string> }[]
  stored?: string
  user?: { id: string; role: string }
  company?: { id: string }
  payload?: string
}

describe.skipIf(skipReason !== undefined)('shell Custom JS environment', () => {
  let browser: TestBrowser
  let sandbox: Sandbox | undefined

  beforeAll(async () => {
    browser = await launchChromium({ extraArgs: [localOnlyResolverRules] })
    await browser.context.route(`${appOrigin}/probe.js`, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: probeScript }),
    )
  }, 60_000)

  afterEach(async () => {
    await sandbox?.close()
    sandbox = undefined
  })

  afterAll(async () => {
    await browser?.close()
  })

  async function openShell(
    behaviour: Partial<PlatformBehaviour>,
  ): Promise<{ page: Page; appId: string }> {
    sandbox = await startSandbox({ platformBehaviour: behaviour })
    const app = sandbox.registerApp(declaration, { publicUrl: appOrigin })
    installOnHarbor(sandbox, app)
    const page = await browser.context.newPage()
    await page.addInitScript(`window.probeAppId = '${app.appId}'`)
    await page.goto(
      `${sandbox.url}/shell/v2/location/${seedIds.harbor}/dashboard?as=${seedIds.harborUser}`,
    )
    return { page, appId: app.appId }
  }

  async function probe(page: Page): Promise<Probe> {
    return page.evaluate(
      () => (globalThis as unknown as { probe: Probe }).probe,
    )
  }

  test('route events and AppUtils work', async () => {
    const { page } = await openShell({})
    await screenshotOnFailure(page, 'shell-custom-js', async () => {
      await page.waitForFunction(
        () =>
          (globalThis as unknown as { probe: Probe }).probe.payload !==
          undefined,
      )
      await page.getByRole('link', { name: 'Contacts' }).click()
      await page.getByRole('link', { name: 'Maya Chen' }).click()
      await page.waitForFunction(
        () =>
          (globalThis as unknown as { probe: Probe }).probe.events.length === 3,
      )
      const result = await probe(page)

      expect(result.atStart).toBe('undefined')
      expect(result.events.map((event) => event.name)).toEqual([
        'routeLoaded',
        'routeChangeEvent',
        'routeChangeEvent',
      ])
      expect(result.events[2]).toEqual({
        name: 'routeChangeEvent',
        path: `/v2/location/${seedIds.harbor}/contacts/detail/SbxContactHarbor0001`,
        params: {
          locationId: seedIds.harbor,
          contactId: 'SbxContactHarbor0001',
        },
      })
      expect(result.stored).toBe('{"saved":true}')
      expect(result.user?.id).toBe(seedIds.harborUser)
      expect(result.user?.role).toBe('user')
      expect(result.company?.id).toBe(seedIds.company)
      expect(result.payload?.startsWith('U2FsdGVkX1')).toBe(true)
    })
    await page.close()
  })

  test('at-start readiness defines AppUtils early', async () => {
    const { page } = await openShell({ customJsReadiness: 'at-start' })
    await screenshotOnFailure(page, 'shell-custom-js-at-start', async () => {
      await page.waitForFunction(
        () =>
          (globalThis as unknown as { probe: Probe }).probe.events.length === 1,
      )

      expect((await probe(page)).atStart).toBe('object')
    })
    await page.close()
  })
})

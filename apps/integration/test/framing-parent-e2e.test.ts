import { type PlatformBehaviour, platformAppHost } from '@hoopkit/sandbox'
import {
  chromiumSkipReason,
  launchChromium,
  localOnlyResolverRules,
  screenshotOnFailure,
  type TestBrowser,
} from '@hoopkit/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { consent, seedIds } from './oauth-test-backend.js'
import { buildUis, type UiBuilds } from './ui-builds.js'
import { startWebhookBackend } from './webhook-test-backend.js'

const skipReason = chromiumSkipReason()
const sharedSecret = 'e2e-shared-secret-0002'

// The default, `white-label`, runs in custom-page-e2e.test.ts.
const settings: {
  setting: PlatformBehaviour['framingParentOrigin']
  host: (sandboxUrl: string) => string
}[] = [
  { setting: 'sandbox', host: (url) => new URL(url).host },
  {
    setting: 'platform',
    host: (url) => `${platformAppHost}:${new URL(url).port}`,
  },
]

describe.skipIf(skipReason !== undefined)('framing parent in browser', () => {
  let uis: UiBuilds
  let browser: TestBrowser

  beforeAll(async () => {
    uis = await buildUis()
    browser = await launchChromium({ extraArgs: [localOnlyResolverRules] })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
  })

  test.each(settings)(
    'custom page loads under $setting',
    async (entry) => {
      await using backend = await startWebhookBackend({
        timeScale: 1,
        platform: { framingParentOrigin: entry.setting },
        env: {
          HOOPAI_SSO_KEY: sharedSecret,
          HOOPKIT_CUSTOM_PAGE_DIR: uis.customPageDir,
          HOOPKIT_WIDGETS_DIR: uis.widgetsDir,
          LOG_LEVEL: 'warn',
        },
      })
      backend.app.ssoKey = sharedSecret
      // The agency install creates the menu link with its Company token.
      const callback = await consent(backend, {
        userId: seedIds.agencyAdmin,
        target: [seedIds.harbor, seedIds.peak],
      })
      expect((await fetch(callback)).status).toBe(200)

      const page = await browser.context.newPage()
      await screenshotOnFailure(
        page,
        `e2e-framing-${entry.setting}`,
        async () => {
          await page.goto(
            `${backend.sandbox.url}/shell/v2/location/${seedIds.harbor}/dashboard?as=${seedIds.harborUser}`,
          )
          await page.getByRole('link', { name: 'Lead health' }).click()
          const frameElement = await page.waitForSelector('iframe.custom-page')
          const frame = await frameElement.contentFrame()
          const table = await frame?.waitForSelector(
            '[data-testid="contacts-table"]',
            { timeout: 15_000 },
          )

          expect(new URL(page.url()).host).toBe(entry.host(backend.sandbox.url))
          expect(await table?.textContent()).toContain('Maya Chen')
        },
      )
      await page.close()
    },
    60_000,
  )
})

import {
  chromiumSkipReason,
  launchChromium,
  localOnlyResolverRules,
  screenshotOnFailure,
  type TestBrowser,
} from '@hoopkit/testing'
import type { Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  consent,
  type OauthTestBackend,
  seedIds,
} from './oauth-test-backend.js'
import { buildUis } from './ui-builds.js'
import { startWebhookBackend } from './webhook-test-backend.js'

const skipReason = chromiumSkipReason()

interface FrameWindow {
  addEventListener(
    type: 'message',
    listener: (event: {
      data?: { message?: string; payload?: string }
    }) => void,
  ): void
  parent: { postMessage(message: unknown, targetOrigin: string): void }
}
const sharedSecret = 'e2e-shared-secret-0001'

describe.skipIf(skipReason !== undefined)(
  'custom page in sandbox shell',
  () => {
    let backend: OauthTestBackend
    let browser: TestBrowser

    beforeAll(async () => {
      const uis = await buildUis()
      // Webhooks are on, so INSTALL stores the agency's white-label domain.
      backend = await startWebhookBackend({
        timeScale: 1,
        env: {
          HOOPAI_SSO_KEY: sharedSecret,
          HOOPKIT_CUSTOM_PAGE_DIR: uis.customPageDir,
          HOOPKIT_WIDGETS_DIR: uis.widgetsDir,
          LOG_LEVEL: 'warn',
        },
      })
      backend.app.ssoKey = sharedSecret

      const callback = await consent(backend, {
        userId: seedIds.agencyAdmin,
        target: [seedIds.harbor, seedIds.peak],
      })
      const installed = await fetch(callback)
      if (installed.status !== 200) {
        throw new Error(`install: expected 200, got ${installed.status}`)
      }
      await installRecorded(seedIds.harbor)
      browser = await launchChromium({ extraArgs: [localOnlyResolverRules] })
    }, 120_000)

    afterAll(async () => {
      await browser?.close()
      await backend?.close()
    })

    // The INSTALL webhook is handled after its 200, so the test waits for
    // the white-label domain it stores.
    async function installRecorded(locationId: string): Promise<void> {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const row = await backend.services.database.db
          .selectFrom('installs')
          .select('whitelabel_domain')
          .where('resource_id', '=', locationId)
          .executeTakeFirst()
        if (row?.whitelabel_domain) {
          return
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      throw new Error(`install: no white-label domain stored for ${locationId}`)
    }

    // The sandbox redirects the shell to the agency's white-label domain,
    // the default framing parent origin.
    function whitelabelOrigin(): string {
      const port = new URL(backend.sandbox.url).port
      return `http://app.summit-agency.localhost:${port}`
    }

    function shellUrl(userId: string, locationId: string): string {
      return `${backend.sandbox.url}/shell/v2/location/${locationId}/dashboard?as=${userId}`
    }

    async function openCustomPage(page: Page): Promise<Frame> {
      await page.getByRole('link', { name: 'Lead health' }).click()
      const frameElement = await page.waitForSelector('iframe.custom-page')
      const frame = await frameElement.contentFrame()
      if (frame === null) {
        throw new Error('shell: the custom page frame did not load')
      }
      await frame.waitForSelector('[data-testid="contacts-table"]', {
        timeout: 15_000,
      })
      return frame
    }

    async function contactNames(frame: Frame): Promise<string[]> {
      return frame.$$eval(
        '[data-testid="contacts-table"] tbody tr td:first-child',
        (cells: { textContent: string | null }[]) =>
          cells.map((cell) => cell.textContent ?? ''),
      )
    }

    test('sub-account sees its contacts', async () => {
      const page = await browser.context.newPage()
      await screenshotOnFailure(page, 'e2e-harbor-contacts', async () => {
        await page.goto(shellUrl(seedIds.harborUser, seedIds.harbor))
        const frame = await openCustomPage(page)
        const names = await contactNames(frame)

        expect(new URL(page.url()).origin).toBe(whitelabelOrigin())
        expect(names.sort()).toEqual(['Liam Okafor', 'Maya Chen', 'Zoë Martin'])
        expect(await frame.textContent('.page-header')).toContain('Hana Brooks')
      })
      await page.close()
    })

    test('page allows the agency white-label domain', async () => {
      const response = await fetch(
        `${backend.url}/pages/?locationId=${seedIds.harbor}&companyId=${seedIds.company}`,
      )
      const policy = response.headers.get('content-security-policy') ?? ''

      expect(response.status).toBe(200)
      expect(policy.split(' ')).toContain(whitelabelOrigin())
      expect(policy).not.toContain(backend.sandbox.url)
      expect(response.headers.get('x-frame-options')).toBeNull()
    })

    test('search narrows the contacts', async () => {
      const page = await browser.context.newPage()
      await screenshotOnFailure(page, 'e2e-contact-search', async () => {
        await page.goto(shellUrl(seedIds.harborUser, seedIds.harbor))
        const frame = await openCustomPage(page)
        await frame.fill('input[type="search"]', 'Okafor')
        await frame.waitForSelector(
          '[data-testid="contacts-table"] tbody tr:only-child',
        )

        expect(await contactNames(frame)).toEqual(['Liam Okafor'])

        await frame.fill('input[type="search"]', 'nobody-matches-this')
        const empty = await frame.waitForSelector('.hk-empty')
        expect(await empty.textContent()).toContain('No contacts match')
      })
      await page.close()
    })

    test('admin saves settings, health shows token', async () => {
      const page = await browser.context.newPage()
      await screenshotOnFailure(page, 'e2e-settings-health', async () => {
        await page.goto(shellUrl(seedIds.peakUser, seedIds.peak))
        const frame = await openCustomPage(page)
        await frame.getByRole('button', { name: 'Settings' }).click()
        const threshold = frame.getByLabel('Lead score that makes a hot lead')
        await threshold.fill('85')
        await frame.getByRole('button', { name: 'Save' }).click()
        await frame.waitForSelector('text=Saved.')
        const stored = await backend.services.api.settings.read(seedIds.peak)

        expect(stored.values.scoreThreshold).toBe(85)
        expect(stored.updatedBy).toBe(seedIds.peakUser)

        await frame.getByRole('button', { name: 'Install health' }).click()
        const token = await frame.waitForSelector('[data-testid="token-state"]')
        expect(await token.textContent()).toContain('Valid')
      })
      await page.close()
    })

    test('user role sees settings read-only', async () => {
      const page = await browser.context.newPage()
      await screenshotOnFailure(page, 'e2e-settings-read-only', async () => {
        await page.goto(shellUrl(seedIds.harborUser, seedIds.harbor))
        const frame = await openCustomPage(page)
        await frame.getByRole('button', { name: 'Settings' }).click()
        await frame.waitForSelector('form.settings')

        const save = frame.getByRole('button', { name: 'Save' })
        expect(await save.isDisabled()).toBe(true)
        expect(
          await frame.isDisabled('form.settings input[type="number"]'),
        ).toBe(true)
        expect(await frame.textContent('form.settings')).toContain(
          'Only admins of this sub-account can change these.',
        )
      })
      await page.close()
    })

    test('contact widget shows contact in view', async () => {
      const page = await browser.context.newPage()
      await screenshotOnFailure(page, 'e2e-contact-widget', async () => {
        await page.goto(shellUrl(seedIds.harborUser, seedIds.harbor))
        await page.getByRole('link', { name: 'Contacts' }).click()
        await page.getByRole('link', { name: 'Maya Chen' }).click()
        const frameElement = await page.waitForSelector(
          '[data-hoopkit-slot="contact"] iframe',
        )
        const frame = await frameElement.contentFrame()
        const name = await frame?.waitForSelector(
          '[data-testid="contact-name"]',
          {
            timeout: 15_000,
          },
        )

        expect(await name?.textContent()).toBe('Maya Chen')
        expect(await frame?.getAttribute('form', 'data-contact-id')).toBe(
          'SbxContactHarbor0001',
        )
      })
      await page.close()
    })

    test('contact widget saves changes', async () => {
      const page = await browser.context.newPage()
      await screenshotOnFailure(page, 'e2e-contact-widget-save', async () => {
        await page.goto(
          `${backend.sandbox.url}/shell/v2/location/${seedIds.harbor}/contacts/detail/SbxContactHarbor0002?as=${seedIds.harborUser}`,
        )
        const frameElement = await page.waitForSelector(
          '[data-hoopkit-slot="contact"] iframe',
        )
        const frame = await frameElement.contentFrame()
        if (frame === null) {
          throw new Error('shell: the contact widget frame did not load')
        }
        await frame.waitForSelector('[data-testid="contact-name"]', {
          timeout: 15_000,
        })
        await frame.fill('input[name="tags"]', 'recall, vip')
        await frame.click('button[type="submit"]')
        await frame.waitForSelector('text=Saved.')
        const stored = backend.sandbox.context.state.contacts.get(
          'SbxContactHarbor0002',
        )

        expect(stored?.tags).toEqual(['recall', 'vip'])
        expect(await frame.textContent('.widget .muted')).toContain('vip')
      })
      await page.close()
    })

    test('widget frame fits its content', async () => {
      const page = await browser.context.newPage()
      await screenshotOnFailure(page, 'e2e-widget-height', async () => {
        await page.goto(
          `${backend.sandbox.url}/shell/v2/location/${seedIds.harbor}/contacts/detail/SbxContactHarbor0001?as=${seedIds.harborUser}`,
        )
        const frameElement = await page.waitForSelector(
          '[data-hoopkit-slot="contact"] iframe',
        )
        const frame = await frameElement.contentFrame()
        if (frame === null) {
          throw new Error('shell: the contact widget frame did not load')
        }
        await frame.waitForSelector('[data-testid="contact-name"]', {
          timeout: 15_000,
        })
        const contentHeight = () =>
          frame.evaluate(() => {
            const view = globalThis as unknown as {
              document: { documentElement: { scrollHeight: number } }
            }
            return view.document.documentElement.scrollHeight
          })
        const frameHeight = async () =>
          (await frameElement.boundingBox())?.height ?? 0
        const addBlock = (pixels: number) =>
          frame.evaluate((height) => {
            const view = globalThis as unknown as {
              document: {
                createElement(tag: string): { style: { height: string } }
                body: { append(node: unknown): void }
              }
            }
            const block = view.document.createElement('div')
            block.style.height = `${height}px`
            view.document.body.append(block)
          }, pixels)
        const waitForFrameHeight = (bounds: { min: number; max: number }) =>
          page.waitForFunction(({ min, max }) => {
            const view = globalThis as unknown as {
              document: {
                querySelector(selector: string): {
                  getBoundingClientRect(): { height: number }
                } | null
              }
            }
            const element = view.document.querySelector(
              '[data-hoopkit-slot="contact"] iframe',
            )
            const height = element?.getBoundingClientRect().height ?? 0
            return height >= min && height <= max
          }, bounds)

        await page.waitForFunction(() => {
          const view = globalThis as unknown as {
            document: {
              querySelector(selector: string): {
                style: { height: string }
              } | null
            }
          }
          const element = view.document.querySelector(
            '[data-hoopkit-slot="contact"] iframe',
          )
          return element !== null && element.style.height !== '320px'
        })
        const fitted = await frameHeight()
        expect(fitted).toBeGreaterThanOrEqual(await contentHeight())
        expect(fitted).toBeGreaterThanOrEqual(120)

        await addBlock(900)
        await waitForFrameHeight({ min: 901, max: 1600 })
        expect(await frameHeight()).toBeGreaterThanOrEqual(
          await contentHeight(),
        )

        await addBlock(5000)
        await waitForFrameHeight({ min: 1600, max: 1600 })
        expect(await frameHeight()).toBe(1600)
        expect(await contentHeight()).toBeGreaterThan(1600)
      })
      await page.close()
    })

    test('other sub-account sees only its own', async () => {
      const page = await browser.context.newPage()
      await screenshotOnFailure(page, 'e2e-peak-contacts', async () => {
        await page.goto(shellUrl(seedIds.peakUser, seedIds.peak))
        const frame = await openCustomPage(page)
        const names = await contactNames(frame)

        expect(names.sort()).toEqual(['Emma Novak', 'Noah Silva', 'Ravi Patel'])
        expect(names).not.toContain('Maya Chen')

        // The page's own SSO handshake gives a Peak session, which must not
        // read Harbor's contacts.
        const harborFromPeak = await frame.evaluate(async () => {
          // The frame's window, typed here since the test program has no DOM.
          const view = globalThis as unknown as FrameWindow
          const payload = await new Promise<string>((resolve) => {
            view.addEventListener('message', (event) => {
              if (event.data?.message === 'REQUEST_USER_DATA_RESPONSE') {
                resolve(event.data.payload ?? '')
              }
            })
            view.parent.postMessage({ message: 'REQUEST_USER_DATA' }, '*')
          })
          const exchange = await fetch('/sso/session', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ payload }),
          })
          const { token } = (await exchange.json()) as { token: string }
          const input = encodeURIComponent(
            '{"locationId":"SbxLocHarborDental01"}',
          )
          const response = await fetch(`/trpc/contacts.list?input=${input}`, {
            headers: { authorization: `Bearer ${token}` },
          })
          return response.status
        })
        expect(harborFromPeak).toBe(403)
      })
      await page.close()
    })

    test('forged session is rejected', async () => {
      const page = await browser.context.newPage()
      await screenshotOnFailure(page, 'e2e-forged-session', async () => {
        await page.goto(shellUrl(seedIds.harborUser, seedIds.harbor))
        const frame = await openCustomPage(page)
        const statuses = await frame.evaluate(async () => {
          const forgedPayload = await fetch('/sso/session', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              payload: 'U2FsdGVkX19mb3JnZWRwYXlsb2FkAAAAAAAAAAAAAAA=',
            }),
          })
          const forgedToken = await fetch('/trpc/session.whoami', {
            headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' },
          })
          return [forgedPayload.status, forgedToken.status]
        })

        expect(statuses).toEqual([401, 401])
      })
      await page.close()
    })

    test('missing shared secret times out', async () => {
      const page = await browser.context.newPage()
      backend.app.ssoKey = null
      try {
        await screenshotOnFailure(page, 'e2e-no-shared-secret', async () => {
          await page.goto(shellUrl(seedIds.harborUser, seedIds.harbor))
          await page.getByRole('link', { name: 'Lead health' }).click()
          const frameElement = await page.waitForSelector('iframe.custom-page')
          const frame = await frameElement.contentFrame()
          const alert = await frame?.waitForSelector('[role="alert"]', {
            timeout: 15_000,
          })
          const text = (await alert?.textContent()) ?? ''

          expect(text).toContain('HoopAI did not say who you are')
          expect(text).toContain(
            'SSO key (Shared Secret) of the app has been generated',
          )
        })
      } finally {
        backend.app.ssoKey = sharedSecret
        await page.close()
      }
    })

    test('agency view gets company session', async () => {
      const page = await browser.context.newPage()
      await screenshotOnFailure(page, 'e2e-agency-view', async () => {
        await page.goto(
          `${backend.sandbox.url}/shell/agency/dashboard?as=${seedIds.agencyAdmin}`,
        )
        await page.getByRole('link', { name: 'Lead health' }).click()
        const frameElement = await page.waitForSelector('iframe.custom-page')
        const frame = await frameElement.contentFrame()
        const notice = await frame?.waitForSelector('.hk-card', {
          timeout: 15_000,
        })

        expect(await notice?.textContent()).toContain(
          'Open this page inside a sub-account',
        )
        expect(await frame?.textContent('.page-header')).toContain(
          'Avery Stone',
        )

        // The company session may open any sub-account of its agency.
        // The picker shows each sub-account by its name, not its id.
        expect(
          await frame?.getByRole('button', { name: seedIds.harbor }).count(),
        ).toBe(0)
        await frame?.getByRole('button', { name: 'Harbor Dental' }).click()
        await frame?.waitForSelector('[data-testid="contacts-table"]', {
          timeout: 15_000,
        })
        const names = frame ? await contactNames(frame) : []
        expect(names.sort()).toEqual(['Liam Okafor', 'Maya Chen', 'Zoë Martin'])
      })
      await page.close()
    })

    test('dashboard widget counts contacts', async () => {
      const page = await browser.context.newPage()
      await screenshotOnFailure(page, 'e2e-dashboard-widget', async () => {
        await page.goto(shellUrl(seedIds.peakUser, seedIds.peak))
        const frameElement = await page.waitForSelector(
          '[data-hoopkit-slot="dashboard"] iframe',
        )
        const frame = await frameElement.contentFrame()
        const total = await frame?.waitForSelector(
          '[data-testid="contact-total"]',
          {
            timeout: 15_000,
          },
        )

        expect(await total?.textContent()).toBe('3')
      })
      await page.close()
    })
  },
)

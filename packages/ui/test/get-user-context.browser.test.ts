import {
  chromiumSkipReason,
  launchChromium,
  screenshotOnFailure,
  type TestBrowser,
} from '@hoopkit/testing'
import type { Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { bundleForBrowser } from './browser-bundle.js'

const skipReason = chromiumSkipReason()
const platformOrigin = 'https://app.platform.test'
const appOrigin = 'https://custom-page.app.test'
const evilOrigin = 'https://evil.example'

// Every page comes from Playwright's router, so the browser sends no
// request to any host; the resolver rule fails any lookup that slips past.
const noResolverArgs = ['--host-resolver-rules=MAP * ~NOTFOUND']

function parentPage(frames: string[]): string {
  const iframes = frames
    .map((src, index) => `<iframe name="f${index}" src="${src}"></iframe>`)
    .join('')
  return `<!doctype html><script>
    window.requests = []
    addEventListener('message', (event) => window.requests.push(event.data))
  </script>${iframes}`
}

// The app page records every message it gets and counts its live
// `message` listeners, so the test can see a reply arrive and be ignored.
function appPage(bundle: string): string {
  return `<!doctype html><script>
    window.seen = []
    window.liveListeners = 0
    addEventListener('message', (event) => {
      window.seen.push({ origin: event.origin, data: event.data })
    })
    const add = window.addEventListener.bind(window)
    const remove = window.removeEventListener.bind(window)
    window.addEventListener = (type, fn, options) => {
      if (type === 'message') window.liveListeners += 1
      return add(type, fn, options)
    }
    window.removeEventListener = (type, fn, options) => {
      if (type === 'message') window.liveListeners -= 1
      return remove(type, fn, options)
    }
  </script><script>${bundle}</script>`
}

describe.skipIf(skipReason !== undefined)('getUserContext in Chromium', () => {
  let browser: TestBrowser
  let bundle: string

  beforeAll(async () => {
    bundle = await bundleForBrowser(
      new URL('../src/sso/index.ts', import.meta.url),
      'hoopkitSso',
    )
    browser = await launchChromium({ extraArgs: noResolverArgs })
    await browser.context.route('**/*', async (route) => {
      const url = new URL(route.request().url())
      const body = pageFor(url)
      if (body === undefined) {
        await route.abort()
        return
      }
      await route.fulfill({ contentType: 'text/html', body })
    })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
  })

  function pageFor(url: URL): string | undefined {
    if (url.origin === appOrigin) {
      return appPage(bundle)
    }
    if (url.origin === platformOrigin || url.origin === evilOrigin) {
      const frames = url.searchParams.getAll('frame')
      return parentPage(frames)
    }
    return undefined
  }

  async function openParent(origin: string, frames: string[]): Promise<Page> {
    const page = await browser.context.newPage()
    const query = frames.map((f) => `frame=${encodeURIComponent(f)}`).join('&')
    await page.goto(`${origin}/?${query}`)
    await page.waitForFunction(() => window.frames.length > 0)
    return page
  }

  function appFrame(page: Page): Frame {
    const frame = page.frames().find((f) => f.url().startsWith(appOrigin))
    if (frame === undefined) {
      throw new Error('test page: the app frame did not load')
    }
    return frame
  }

  async function startRequest(frame: Frame, timeoutMs: number): Promise<void> {
    await frame.waitForFunction(() => 'hoopkitSso' in window)
    await frame.evaluate(
      ({ timeoutMs, allowed }) => {
        const state = window as unknown as Record<string, unknown>
        state['outcome'] = { status: 'pending' }
        const sso = state['hoopkitSso'] as {
          getUserContext(options: object): Promise<unknown>
        }
        sso.getUserContext({ timeoutMs, allowedOrigins: [allowed] }).then(
          (value) => {
            state['outcome'] = { status: 'resolved', value }
          },
          (error: { code: string; message: string }) => {
            state['outcome'] = {
              status: 'rejected',
              code: error.code,
              message: error.message,
            }
          },
        )
      },
      { timeoutMs, allowed: platformOrigin },
    )
  }

  async function outcome(frame: Frame): Promise<Record<string, unknown>> {
    return frame.evaluate(
      () => (window as unknown as Record<string, unknown>)['outcome'] as never,
    )
  }

  async function waitForSeen(frame: Frame, count: number): Promise<void> {
    await frame.waitForFunction(
      (expected) =>
        ((window as unknown as { seen: unknown[] }).seen ?? []).length >=
        expected,
      count,
    )
  }

  async function replyFromParent(page: Page, payload: string): Promise<void> {
    await page.evaluate((value) => {
      window.frames[0]?.postMessage(
        { message: 'REQUEST_USER_DATA_RESPONSE', payload: value },
        '*',
      )
    }, payload)
  }

  test('silent parent times out', async () => {
    const page = await openParent(platformOrigin, [`${appOrigin}/page`])
    await screenshotOnFailure(page, 'sso-silent-parent', async () => {
      const frame = appFrame(page)
      await startRequest(frame, 300)
      await frame.waitForFunction(
        () =>
          (window as unknown as { outcome: { status: string } }).outcome
            .status !== 'pending',
      )
      const result = await outcome(frame)
      const requests = await page.evaluate(
        () => (window as unknown as { requests: unknown[] }).requests,
      )

      expect(requests).toEqual([{ message: 'REQUEST_USER_DATA' }])
      expect(result['status']).toBe('rejected')
      expect(result['code']).toBe('SSO_TIMEOUT')
      expect(result['message']).toContain('300 ms')
      expect(result['message']).toContain('SSO key (Shared Secret)')
      expect(result['message']).toContain('has been generated')
      expect(await frame.evaluate(() => window.liveListeners)).toBe(0)
    })
    await page.close()
  })

  test('ignores other origins, keeps first reply', async () => {
    const page = await openParent(platformOrigin, [
      `${appOrigin}/page`,
      `${evilOrigin}/sibling`,
    ])
    await screenshotOnFailure(page, 'sso-evil-sibling', async () => {
      const frame = appFrame(page)
      await startRequest(frame, 20_000)
      const evil = page.frames().find((f) => f.url().startsWith(evilOrigin))
      await evil?.evaluate(() => {
        window.parent.frames[0]?.postMessage(
          { message: 'REQUEST_USER_DATA_RESPONSE', payload: 'x' },
          '*',
        )
      })
      await waitForSeen(frame, 1)

      expect(await outcome(frame)).toEqual({ status: 'pending' })

      await replyFromParent(page, 'first-payload')
      await waitForSeen(frame, 2)

      expect(await outcome(frame)).toEqual({
        status: 'resolved',
        value: { payload: 'first-payload', origin: platformOrigin },
      })
      expect(await frame.evaluate(() => window.liveListeners)).toBe(0)

      await replyFromParent(page, 'second-payload')
      await waitForSeen(frame, 3)

      expect(await outcome(frame)).toEqual({
        status: 'resolved',
        value: { payload: 'first-payload', origin: platformOrigin },
      })
    })
    await page.close()
  })

  test('parent at other origin is ignored', async () => {
    const page = await openParent(evilOrigin, [`${appOrigin}/page`])
    await screenshotOnFailure(page, 'sso-evil-parent', async () => {
      const frame = appFrame(page)
      await startRequest(frame, 1000)
      await replyFromParent(page, 'evil-payload')
      await waitForSeen(frame, 1)

      expect(await outcome(frame)).toEqual({ status: 'pending' })

      await frame.waitForFunction(
        () =>
          (window as unknown as { outcome: { status: string } }).outcome
            .status !== 'pending',
      )
      expect((await outcome(frame))['code']).toBe('SSO_TIMEOUT')
    })
    await page.close()
  })
})

declare global {
  interface Window {
    liveListeners: number
  }
}

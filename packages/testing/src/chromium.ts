import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { testEnv } from './test-env.js'

// Flags that keep the browser from calling any host by itself: no
// component updates, sync, QUIC probes or first-run pages.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * A `--host-resolver-rules` flag that lets the browser reach 127.0.0.1 only.
 * `*.localhost` names, on which the sandbox serves its app shell, map to
 * 127.0.0.1 too, so the browser never tries `::1` or a DNS server for them.
 */
export const localOnlyResolverRules =
  '--host-resolver-rules=MAP *.localhost 127.0.0.1, MAP * ~NOTFOUND, ' +
  'EXCLUDE 127.0.0.1'

/** A headless Chromium context with its own profile folder. */
export interface TestBrowser {
  readonly context: BrowserContext
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

/**
 * Returns why browser tests are skipped on this machine, or `undefined`
 * when they run. In CI a missing browser throws instead.
 */
export function chromiumSkipReason(): string | undefined {
  if (existsSync(testEnv.chromiumPath)) {
    return undefined
  }
  const message =
    `chromium: no browser at ${testEnv.chromiumPath}: install the ` +
    'chromium package (apt-get install chromium) or set CHROMIUM_PATH'
  if (testEnv.ci) {
    throw new Error(message)
  }
  return message
}

/**
 * Launches the installed Chromium with a new profile. Playwright never
 * downloads a browser here, since the executable path is given.
 */
export async function launchChromium(
  options: { extraArgs?: string[] } = {},
): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'hoopkit-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: testEnv.chromiumPath,
    headless: true,
    args: [...chromiumArgs, ...(options.extraArgs ?? [])],
  })

  const close = async () => {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
  return { context, close, [Symbol.asyncDispose]: close }
}

/**
 * Runs browser steps and, when they throw, saves a full-page screenshot to
 * `test-results/<name>.png` before the error reaches the test.
 */
export async function screenshotOnFailure<T>(
  page: Page,
  name: string,
  steps: () => Promise<T>,
): Promise<T> {
  try {
    return await steps()
  } catch (error) {
    mkdirSync('test-results', { recursive: true })
    const file = join('test-results', `${name.replace(/[^\w-]+/g, '-')}.png`)
    await page.screenshot({ path: file, fullPage: true }).catch(() => {})
    throw error
  }
}

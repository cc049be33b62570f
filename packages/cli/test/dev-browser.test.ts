import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  chromiumSkipReason,
  launchChromium,
  screenshotOnFailure,
} from '@hoopkit/testing'
import { describe, expect, test } from 'vitest'
import { freePort, startCli, waitForOutput } from './cli-process.js'

const skipReason = chromiumSkipReason()

describe.skipIf(skipReason !== undefined)('hoopkit dev in a browser', () => {
  test('installs and uninstalls from the sandbox UI', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hoopkit-dev-browser-'))
    const sandboxPort = await freePort()
    const backendPort = await freePort()
    const run = startCli(
      [
        'dev',
        ...['--sandbox-port', String(sandboxPort)],
        ...['--backend-port', String(backendPort)],
        ...['--data-dir', dataDir],
        '--no-watch',
      ],
      {},
    )
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`
    await using browser = await launchChromium()
    const page = await browser.context.newPage()

    try {
      await waitForOutput(run, `Open ${sandboxUrl}/`)
      await screenshotOnFailure(page, 'dev-install-uninstall', async () => {
        await page.goto(`${sandboxUrl}/`)
        await page.getByRole('link', { name: /Hana Brooks/ }).click()
        await page.getByRole('link', { name: 'Install' }).first().click()
        await expect
          .poll(() => page.url())
          .toContain('/v2/oauth/chooselocation')
        await page.getByRole('button', { name: 'Allow and install' }).click()

        await page.waitForURL(
          `http://127.0.0.1:${backendPort}/oauth/callback?**`,
        )
        const onboarding = await page.locator('h1').textContent()
        expect(onboarding).toBe('Lead Notes is installed')
        await page.goto(`${sandboxUrl}/?as=SbxUserHarborStaff01`)
        const harborRow = page.locator('tr', {
          hasText: 'SbxLocHarborDental01',
        })
        expect(await harborRow.textContent()).toContain(
          'installed, Location token',
        )

        await harborRow.getByRole('button', { name: 'Uninstall' }).click()
        await page.waitForURL(`${sandboxUrl}/?as=SbxUserHarborStaff01`)
        const after = page.locator('tr', { hasText: 'SbxLocHarborDental01' })
        expect(await after.textContent()).toContain('not installed')
      })
    } finally {
      run.child.kill('SIGINT')
      await run.exited
    }
  })
})

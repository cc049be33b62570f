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
  test('installs, pays and uninstalls from the UI', async () => {
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
        await page.locator('input[name=plan_id][value=pro]').check()
        await page.getByRole('button', { name: 'Allow and install' }).click()

        // The example app is paid, so the sandbox runs its callback and
        // sends the browser on to its Billing URL.
        await page.waitForURL(`http://127.0.0.1:${backendPort}/billing?**`)
        await page.getByLabel('Card number').fill('4242424242424242')
        await page.getByRole('button', { name: 'Pay' }).click()
        await page.waitForURL(`http://127.0.0.1:${backendPort}/billing`)
        const outcome = await page.locator('h1').textContent()
        expect(outcome).toBe('Payment complete')
        await page.goto(`${sandboxUrl}/?as=SbxUserHarborStaff01`)
        const harborRow = page.locator('tr', {
          hasText: 'SbxLocHarborDental01',
        })
        const harborState = await harborRow.textContent()
        expect(harborState).toContain('installed, Location token')
        expect(harborState).not.toContain('waiting for billing')

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

import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '@hoopkit/core'
import { readBillingRedirect } from '@hoopkit/testing'
import { describe, expect, test } from 'vitest'
import { freePort, startCli, waitForOutput } from './cli-process.js'

describe('hoopkit dev', () => {
  test('starts both servers and runs a paid install', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hoopkit-dev-'))
    const sandboxPort = await freePort()
    const backendPort = await freePort()
    const run = startCli(
      [
        'dev',
        '--sandbox-port',
        String(sandboxPort),
        '--backend-port',
        String(backendPort),
        '--data-dir',
        dataDir,
        '--no-watch',
      ],
      {},
    )

    try {
      const sandboxUrl = `http://127.0.0.1:${sandboxPort}`
      await waitForOutput(run, `Open ${sandboxUrl}/`)

      const dashboard = await (await fetch(`${sandboxUrl}/`)).text()
      const link = /href="(\/v2\/oauth\/chooselocation\?[^"]+)"/.exec(dashboard)
      expect(link).not.toBeNull()
      const query = new URLSearchParams(
        (link?.[1] ?? '').replaceAll('&amp;', '&').split('?')[1],
      )
      query.delete('as')

      const form = new URLSearchParams(query)
      form.set('user_id', 'SbxUserHarborStaff01')
      form.set('target', 'locations')
      form.set('location_id', 'SbxLocHarborDental01')
      const consent = await fetch(`${sandboxUrl}/v2/oauth/chooselocation`, {
        method: 'POST',
        body: form,
        redirect: 'manual',
      })
      // The example app is paid and declared as created before external
      // billing ended, so the consent leads to the billing redirect page.
      const redirectPath = consent.headers.get('location') ?? ''
      expect(consent.status).toBe(303)
      const redirectPage = await fetch(`${sandboxUrl}${redirectPath}`)
      const steps = readBillingRedirect(await redirectPage.text())
      expect(steps.callbackUrl).toMatch(
        new RegExp(
          `^http://127\\.0\\.0\\.1:${backendPort}/oauth/callback\\?code=`,
        ),
      )

      const callback = await fetch(steps.callbackUrl)
      expect(callback.status).toBe(200)
      expect(await callback.text()).toContain('SbxLocHarborDental01')

      const payment = new URLSearchParams(new URL(steps.billingUrl).search)
      payment.set('cardNumber', '4242424242424242')
      const paid = await fetch(`http://127.0.0.1:${backendPort}/billing`, {
        method: 'POST',
        body: payment,
      })
      expect(await paid.text()).toContain('Payment complete')
      const billingPage = await (await fetch(`${sandboxUrl}/ui/billing`)).text()
      expect(billingPage).toContain('No install waits for a billing')

      const database = await openDatabase({
        url: `sqlite:${join(dataDir, 'app.db')}`,
      })
      const tokens = await database.db
        .selectFrom('tokens')
        .select(['resource_id', 'user_type'])
        .execute()
      await database.close()
      expect(tokens).toEqual([
        { resource_id: 'SbxLocHarborDental01', user_type: 'Location' },
      ])
    } finally {
      run.child.kill('SIGINT')
      await run.exited
    }
    expect(run.output()).toContain('stopped')
    expect(await isListening(`http://127.0.0.1:${backendPort}/healthz`)).toBe(
      false,
    )
  })

  test('trigger finds the dev sandbox', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hoopkit-dev-'))
    const runFile = join(dataDir, 'dev-run.json')
    const sandboxPort = await freePort()
    const backendPort = await freePort()
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`
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

    try {
      await waitForOutput(run, `Open ${sandboxUrl}/`)
      const written = JSON.parse(readFileSync(runFile, 'utf8'))
      const trigger = startCli(
        ['trigger', 'ContactCreate', '--data-dir', dataDir],
        {},
      )
      const code = await trigger.exited

      expect(written.sandboxUrl).toBe(sandboxUrl)
      expect(written.backendUrl).toBe(`http://127.0.0.1:${backendPort}`)
      expect(written.pid).toBeTypeOf('number')
      expect(trigger.output()).toContain(
        'location: SbxLocHarborDental01 (Harbor Dental), from the fixture',
      )
      expect(trigger.output()).toContain(`see ${sandboxUrl}/ui/webhooks`)
      expect(code).toBe(0)
    } finally {
      run.child.kill('SIGINT')
      await run.exited
    }
    expect(existsSync(runFile)).toBe(false)
  })

  test('stops everything on Ctrl-C during start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hoopkit-dev-'))
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
    await waitForOutput(run, 'sandbox started')
    run.child.kill('SIGINT')
    const code = await run.exited

    expect(code).toBe(0)
    expect(run.output()).toContain('stopped')
    expect(await isListening(`http://127.0.0.1:${sandboxPort}/`)).toBe(false)
    expect(await isListening(`http://127.0.0.1:${backendPort}/healthz`)).toBe(
      false,
    )
  })
})

async function isListening(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) })
    return true
  } catch {
    return false
  }
}

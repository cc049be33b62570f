import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineApp } from '@hoopkit/core'
import { seedIds, startSandbox } from '@hoopkit/sandbox'
import { afterEach, describe, expect, test } from 'vitest'
import { runTrigger } from '../src/trigger/trigger-command.js'
import { startCli } from './cli-process.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup()
  }
})

/** Starts a sandbox with one registered app whose webhook route records bodies. */
async function startTestbed() {
  const received: Record<string, unknown>[] = []
  const app = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
  const sandbox = await startSandbox({
    platformBehaviour: { webhookDuplicateRate: 0 },
  })
  sandbox.registerApp(
    defineApp({
      name: 'Trigger test app',
      description: 'Receives triggered webhooks.',
      redirectUri: '/oauth/callback',
      scopes: ['contacts.readonly'],
      webhook: { url: '/webhooks', events: ['ContactCreate'] },
    }),
    { publicUrl: appUrl },
  )
  cleanups.push(async () => {
    await sandbox.close()
    await new Promise((resolve) => app.close(resolve))
  })
  return { sandbox, received }
}

describe('hoopkit trigger', () => {
  test('sends a fixture through the sandbox', async () => {
    const { sandbox, received } = await startTestbed()

    const run = startCli(
      [
        'trigger',
        'ContactCreate',
        '--location',
        seedIds.peak,
        '--sandbox',
        sandbox.url,
      ],
      {},
    )
    const code = await run.exited

    expect(code).toBe(0)
    expect(run.output()).toContain('ContactCreate')
    expect(run.output()).toContain('app replied 200')
    expect(received).toHaveLength(1)
    expect(received[0]?.['locationId']).toBe(seedIds.peak)
    expect(received[0]?.['webhookId']).toBeTypeOf('string')
  })

  test('sends the body of --file', async () => {
    const { sandbox, received } = await startTestbed()
    const file = join(
      mkdtempSync(join(tmpdir(), 'hoopkit-trigger-')),
      'event.json',
    )
    writeFileSync(
      file,
      JSON.stringify({
        type: 'ContactCreate',
        locationId: 'x',
        firstName: 'Ada',
      }),
    )
    const lines: string[] = []

    const code = await runTrigger({
      sandboxUrl: sandbox.url,
      type: 'ContactCreate',
      file,
      locationId: seedIds.harbor,
      print: (line) => lines.push(line),
    })

    expect(code).toBe(0)
    expect(received[0]?.['firstName']).toBe('Ada')
    expect(received[0]?.['locationId']).toBe(seedIds.harbor)
  })

  test('unknown type fails with the list', async () => {
    const { sandbox } = await startTestbed()

    const trigger = runTrigger({
      sandboxUrl: sandbox.url,
      type: 'NoSuchEvent',
      print: () => {},
    })

    await expect(trigger).rejects.toThrow(
      `the sandbox at ${sandbox.url} rejected the event with HTTP 400: ` +
        'no fixture for event type "NoSuchEvent": pick one of',
    )
    await expect(trigger).rejects.toThrow('ContactCreate')
  })

  test('unknown --location lists known ids', async () => {
    const { sandbox, received } = await startTestbed()

    const run = startCli(
      [
        'trigger',
        'ContactCreate',
        '--location',
        'bogus',
        '--sandbox',
        sandbox.url,
      ],
      {},
    )
    const code = await run.exited
    const output = run.output()

    expect(code).toBe(1)
    expect(output).toMatch(
      new RegExp(
        `^hoopkit trigger: the sandbox at ${sandbox.url} rejected the ` +
          'event with HTTP 400: locationId "bogus" is not a sub-account',
      ),
    )
    expect(output.trim().split('\n')).toHaveLength(1)
    expect(output).toContain(`${seedIds.harbor} (Harbor Dental)`)
    expect(output).toContain(`${seedIds.peak} (Peak Fitness)`)
    expect(output).not.toContain('trigger: trigger:')
    expect(output).not.toContain('undefined')
    expect(received).toHaveLength(0)
  })

  test('default location is named', async () => {
    const { sandbox, received } = await startTestbed()
    const lines: string[] = []

    const code = await runTrigger({
      sandboxUrl: sandbox.url,
      type: 'ContactCreate',
      print: (line) => lines.push(line),
    })

    expect(code).toBe(0)
    expect(received[0]?.['locationId']).toBe(seedIds.harbor)
    expect(lines).toContain(
      `location: ${seedIds.harbor} (Harbor Dental), from the fixture: ` +
        'pass --location <id> to send to another sub-account',
    )
  })

  test('chosen location is named', async () => {
    const { sandbox } = await startTestbed()
    const lines: string[] = []

    await runTrigger({
      sandboxUrl: sandbox.url,
      type: 'ContactCreate',
      locationId: seedIds.peak,
      print: (line) => lines.push(line),
    })

    expect(lines).toContain(`location: ${seedIds.peak} (Peak Fitness)`)
  })

  test('finds the sandbox of a dev run', async () => {
    const { sandbox, received } = await startTestbed()
    const dataDir = mkdtempSync(join(tmpdir(), 'hoopkit-trigger-'))
    writeFileSync(
      join(dataDir, 'dev-run.json'),
      JSON.stringify({
        sandboxUrl: sandbox.url,
        backendUrl: 'http://127.0.0.1:9',
        pid: process.pid,
        startedAt: new Date().toISOString(),
      }),
    )

    const run = startCli(
      ['trigger', 'ContactCreate', '--data-dir', dataDir],
      {},
    )
    const code = await run.exited

    expect(code).toBe(0)
    expect(run.output()).toContain(`see ${sandbox.url}/ui/webhooks`)
    expect(received).toHaveLength(1)
  })

  test('silent dev sandbox names URL and file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hoopkit-trigger-'))
    mkdirSync(dataDir, { recursive: true })
    const runFile = join(dataDir, 'dev-run.json')
    writeFileSync(
      runFile,
      JSON.stringify({
        sandboxUrl: 'http://127.0.0.1:9',
        backendUrl: 'http://127.0.0.1:9',
        pid: process.pid,
        startedAt: new Date().toISOString(),
      }),
    )

    const run = startCli(
      ['trigger', 'ContactCreate', '--data-dir', dataDir],
      {},
    )
    const code = await run.exited
    const output = run.output().trim()

    expect(code).toBe(1)
    expect(output).toBe(
      'hoopkit trigger: no sandbox answered at http://127.0.0.1:9, the ' +
        `URL in ${runFile}: start the sandbox with \`pnpm dev\`, or pass ` +
        '--sandbox <url>',
    )
  })

  test('missing sandbox names the URL', async () => {
    let message = ''
    try {
      await runTrigger({
        sandboxUrl: 'http://127.0.0.1:9',
        type: 'ContactCreate',
        print: () => {},
      })
    } catch (error) {
      message = (error as Error).message
    }

    expect(message).toContain('http://127.0.0.1:9')
    expect(message).toContain('pnpm dev')
  })
})

import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { defineApp, openDatabase } from '@hoopkit/core'
import { seedIds, startSandbox, webhookSenderOf } from '@hoopkit/sandbox'
import { tempSqliteUrl } from '@hoopkit/testing'
import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { freePort } from './webhook-test-backend.js'

const script = new URL('./fixtures/crash-backend.ts', import.meta.url).pathname
// Node runs the script itself with tsx's loader, so a SIGKILL reaches the
// server and not a wrapper process.
const tsxLoader = import.meta.resolve('tsx')

async function startBackend(
  env: Record<string, string>,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', tsxLoader, script], {
    env: { PATH: process.env['PATH'], ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines = createInterface({
    input: child.stdout as NodeJS.ReadableStream,
  })
  await new Promise<void>((resolve, reject) => {
    lines.once('line', () => resolve())
    child.once('exit', (code) =>
      reject(new Error(`crash backend exited with ${code}`)),
    )
  })
  return child
}

describe('webhook backend crash', () => {
  test('acknowledged events are processed exactly once across SIGKILL', async () => {
    const sandbox = await startSandbox({
      timeScale: 100,
      platformBehaviour: {
        webhookRetryPolicy: 'current',
        webhookDuplicateRate: 0,
        webhookDeliveryTimeoutSeconds: 1000,
      },
    })
    const port = await freePort()
    const app = sandbox.registerApp(
      defineApp({
        name: 'Crash test app',
        description: 'Is killed while webhooks arrive.',
        redirectUri: '/oauth/callback',
        scopes: ['contacts.readonly'],
        webhook: { url: '/webhooks', events: ['ContactCreate'] },
      }),
      { publicUrl: `http://127.0.0.1:${port}` },
    )
    const databaseUrl = tempSqliteUrl()
    const folder = mkdtempSync(join(tmpdir(), 'hoopkit-crash-'))
    const handlerLog = join(folder, 'runs.log')
    const env = {
      DATABASE_URL: databaseUrl,
      HANDLER_LOG: handlerLog,
      PORT: String(port),
      WEBHOOK_PUBLIC_KEY: sandbox.context.webhookKeys.publicKeyPem,
    }
    const sender = webhookSenderOf(sandbox.context)
    const send = async (count: number) => {
      for (let i = 0; i < count; i += 1) {
        sender.send(app.appId, {
          type: 'ContactCreate',
          locationId: seedIds.harbor,
          id: `contact_${i}`,
        })
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    }

    let backend = await startBackend(env)
    await send(80)
    backend.kill('SIGKILL')
    await once(backend, 'exit')
    await send(40)
    backend = await startBackend(env)
    await send(80)
    await sender.settled()

    const database = await openDatabase({ url: databaseUrl })
    const pending = async () =>
      (
        await database.db
          .selectFrom('webhook_events')
          .select('webhook_id')
          .where('status', '!=', 'done')
          .execute()
      ).length
    for (let i = 0; i < 1000 && (await pending()) > 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const acknowledged = new Set(
      sender
        .list()
        .filter((delivery) =>
          delivery.attempts.some(
            (attempt) => attempt.status !== null && attempt.status < 300,
          ),
        )
        .map((delivery) => delivery.webhookId),
    )
    const effects = await sql<{
      webhook_id: string
    }>`select webhook_id from crash_effects`.execute(database.db)
    const effectIds = effects.rows.map((row) => row.webhook_id)
    const runs = readFileSync(handlerLog, 'utf8').split('\n').filter(Boolean)
    const inbox = await database.db
      .selectFrom('webhook_events')
      .selectAll()
      .execute()

    backend.kill('SIGTERM')
    await once(backend, 'exit')
    await database.close()
    await sandbox.close()

    expect(
      sender.list().every((delivery) => delivery.status === 'delivered'),
    ).toBe(true)
    expect(acknowledged.size).toBe(200)
    expect(inbox).toHaveLength(200)
    expect(inbox.every((row) => row.status === 'done')).toBe(true)
    expect(new Set(effectIds)).toEqual(acknowledged)
    expect(effectIds).toHaveLength(200)
    expect(new Set(runs)).toEqual(acknowledged)
    // Handlers in flight at the kill ran again after the restart, yet
    // their writes committed once.
    expect(runs.length).toBeGreaterThanOrEqual(200)
  }, 120_000)
})

import { type ChildProcess, spawn } from 'node:child_process'
import type { KeyObject } from 'node:crypto'
import { createInterface } from 'node:readline'

const script = new URL('./fixtures/webhook-server.ts', import.meta.url).pathname
// Node runs the script itself with tsx's loader, so a signal reaches the
// server and not a wrapper process.
const tsxLoader = import.meta.resolve('tsx')

export interface WebhookProcess {
  url: string
  child: ChildProcess
  /** Stops the process with SIGTERM and waits for it to exit. */
  stop(): Promise<void>
  /** Stops the process with SIGKILL, as a crash would. */
  kill(): Promise<void>
}

/** Starts `fixtures/webhook-server.ts` in a child process. */
export async function startWebhookProcess(options: {
  databaseUrl: string
  publicKey: KeyObject
  handlerLog?: string
  env?: Record<string, string>
}): Promise<WebhookProcess> {
  const pem = options.publicKey
    .export({ type: 'spki', format: 'pem' })
    .toString()
  const child = spawn(process.execPath, ['--import', tsxLoader, script], {
    env: {
      PATH: process.env['PATH'],
      DATABASE_URL: options.databaseUrl,
      WEBHOOK_PUBLIC_KEY: pem,
      ...(options.handlerLog ? { HANDLER_LOG: options.handlerLog } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await firstLine(child)
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => resolve()),
  )
  return {
    url,
    child,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
    kill: async () => {
      child.kill('SIGKILL')
      await exited
    },
  }
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({
      input: child.stdout as NodeJS.ReadableStream,
    })
    lines.once('line', (line) => resolve(line.trim()))
    child.once('exit', (code) =>
      reject(new Error(`webhook-server exited with code ${code} before start`)),
    )
  })
}

import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto'
import { tempSqliteUrl } from '@hoopkit/testing'
import Fastify, { type FastifyInstance } from 'fastify'
import { type Database, openDatabase } from '../../src/db/database.js'
import type { Logger } from '../../src/logging/logger.js'
import { webhookPlugin } from '../../src/webhooks/fastify-webhook-plugin.js'
import { WebhookHandlers } from '../../src/webhooks/webhook-handlers.js'
import { WebhookInbox } from '../../src/webhooks/webhook-inbox.js'
import {
  WebhookReceiver,
  type WebhookReceiverOptions,
} from '../../src/webhooks/webhook-receiver.js'
import { WebhookVerifier } from '../../src/webhooks/webhook-verifier.js'
import {
  WebhookWorker,
  type WebhookWorkerOptions,
} from '../../src/webhooks/webhook-worker.js'

/** A test Ed25519 key pair and a signer for body bytes. */
export function testKeys() {
  const ed = generateKeyPairSync('ed25519')
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    publicKey: ed.publicKey,
    rsaPublicKey: rsa.publicKey,
    signEd25519: (body: Buffer | string) =>
      sign(null, Buffer.from(body), ed.privateKey).toString('base64'),
    signRsa: (body: Buffer | string) =>
      sign('sha256', Buffer.from(body), rsa.privateKey).toString('base64'),
  }
}

export type TestKeys = ReturnType<typeof testKeys>

/** A log line captured by `recordingLogger`. */
export interface LogEntry {
  level: string
  fields: Record<string, unknown>
  message: string
}

export function recordingLogger(entries: LogEntry[] = []): Logger {
  const write = (level: string) => (fields: object, message: string) => {
    entries.push({ level, fields: fields as Record<string, unknown>, message })
  }
  const logger: Logger = {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: () => logger,
  }
  return logger
}

/** Worker settings a test may change. */
export type WorkerOptionsForTest = Partial<WebhookWorkerOptions>

export interface HarnessOptions {
  keys: TestKeys
  databaseUrl?: string
  receiver?: Partial<WebhookReceiverOptions>
  verifier?: { legacyRsa?: boolean; publicKeys?: KeyObject[] }
  logs?: LogEntry[]
  /** Starts a worker that polls the inbox. @default true */
  worker?: boolean
  /** Settings of the worker besides its inbox, handlers and logger. */
  workerOptions?: WorkerOptionsForTest
}

/**
 * A real Fastify server on 127.0.0.1 with the webhook plugin at
 * `/webhooks`, a SQLite inbox and a worker.
 */
export async function startHarness(options: HarnessOptions) {
  const logs = options.logs ?? []
  const logger = recordingLogger(logs)
  const databaseUrl = options.databaseUrl ?? tempSqliteUrl()
  const database: Database = await openDatabase({ url: databaseUrl })
  const inbox = new WebhookInbox(database.db)
  const handlers = new WebhookHandlers()
  const worker = new WebhookWorker({
    inbox,
    handlers,
    logger,
    pollIntervalMs: 50,
    retryBaseMs: 20,
    retryMaxMs: 100,
    ...options.workerOptions,
  })
  const verifier = new WebhookVerifier({
    publicKeys: options.verifier?.publicKeys ?? [options.keys.publicKey],
    rsaPublicKeys: [options.keys.rsaPublicKey],
    legacyRsa: options.verifier?.legacyRsa ?? false,
  })
  const receiver = new WebhookReceiver({
    verifier,
    inbox,
    logger,
    handoff: worker,
    ...options.receiver,
  })

  const server: FastifyInstance = Fastify()
  await server.register(webhookPlugin, { receiver })
  const url = await server.listen({ host: '127.0.0.1', port: 0 })
  if (options.worker ?? true) {
    worker.start()
  }

  const close = async () => {
    await worker.stop()
    await server.close()
    await database.close()
  }
  return {
    url,
    databaseUrl,
    database,
    inbox,
    handlers,
    worker,
    receiver,
    logs,
    close,
    [Symbol.asyncDispose]: close,
    /** Posts body bytes as they are, with the given headers. */
    post: (body: Buffer | string, headers: Record<string, string> = {}) =>
      fetch(`${url}/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: Buffer.from(body),
      }),
    /** Posts body bytes signed with the test Ed25519 key. */
    postSigned: (body: Buffer | string, headers: Record<string, string> = {}) =>
      fetch(`${url}/webhooks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-ghl-signature': options.keys.signEd25519(body),
          ...headers,
        },
        body: Buffer.from(body),
      }),
  }
}

/** A compact event body with a fresh `timestamp`. */
export function eventBody(fields: Record<string, unknown>): string {
  return JSON.stringify({ timestamp: new Date().toISOString(), ...fields })
}

/** Resolves when `check` returns true, polling every 10 ms. */
export async function waitFor(check: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 1000; i += 1) {
    if (await check()) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('waitFor: condition not met after 10 s')
}

/** Creates a promise that holds a request until the test calls `open`. */
export function gate() {
  let open: () => void = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { opened, open }
}

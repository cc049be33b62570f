import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type SQLite from 'better-sqlite3'
import type { Logger } from '../logging/logger.js'

export interface WalCheckpointerOptions {
  /** The SQLite file whose write-ahead log is copied back. */
  file: string
  /** The app's connection, whose own checkpoints this replaces. */
  connection: SQLite.Database
  logger: Logger
  /** How often the thread copies the log into the file. @default 1000 */
  intervalMs?: number
}

export interface WalCheckpointer {
  stop(): Promise<void>
}

/** SQLite's own threshold, restored if the thread stops by itself. */
const sqliteDefaultPages = 1000

// The thread's whole program. It loads better-sqlite3 from the path the
// app resolved, since code evaluated in a thread has no module folder.
const threadSource = `
const { parentPort, workerData } = require('node:worker_threads')
const SQLite = require(workerData.modulePath)
const connection = new SQLite(workerData.file)
connection.pragma('busy_timeout = 5000')
setInterval(() => {
  try {
    connection.pragma('wal_checkpoint(PASSIVE)')
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.message) })
  }
}, workerData.intervalMs)
`

/**
 * Moves SQLite's WAL checkpoints off the event loop. A checkpoint copies
 * the log into the database file and syncs both to disk, and by default
 * the commit that takes the log past 1,000 pages runs it and waits for it
 * (tens of milliseconds in the webhook ingest benchmark). Here the app's
 * connection never checkpoints. A thread with its own connection does, in
 * PASSIVE mode, which does not wait for the app's readers or writers.
 */
export function startWalCheckpointer(
  options: WalCheckpointerOptions,
): WalCheckpointer {
  const { connection, logger } = options
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3')
  const thread = new Worker(threadSource, {
    eval: true,
    workerData: {
      modulePath,
      file: options.file,
      intervalMs: options.intervalMs ?? 1000,
    },
  })
  thread.unref()
  connection.pragma('wal_autocheckpoint = 0')

  let stopping = false
  thread.on('message', (message: { failed?: string }) => {
    logger.warn(
      { file: options.file, reason: message.failed },
      'sqlite checkpoint failed, retrying at the next interval',
    )
  })
  thread.on('error', (error) => {
    logger.error(
      { err: error, file: options.file },
      'sqlite checkpoint thread failed, the app connection checkpoints again',
    )
  })
  thread.on('exit', () => {
    if (!stopping && connection.open) {
      // The log would otherwise grow without bound.
      connection.pragma(`wal_autocheckpoint = ${sqliteDefaultPages}`)
    }
  })

  return {
    stop: async () => {
      stopping = true
      await thread.terminate()
    },
  }
}

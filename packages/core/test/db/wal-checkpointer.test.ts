import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { openDatabase } from '../../src/db/database.js'
import { startWalCheckpointer } from '../../src/db/wal-checkpointer.js'
import { silentLogger } from '../../src/logging/logger.js'
import { waitFor } from '../webhooks/webhook-harness.js'

function tempFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'hoopkit-wal-')), 'app.db')
}

function walConnection(file: string): SQLite.Database {
  const connection = new SQLite(file)
  connection.pragma('journal_mode = WAL')
  connection.exec('create table rows (text text not null)')
  return connection
}

function writeRows(connection: SQLite.Database, count: number): void {
  const insert = connection.prepare('insert into rows values (?)')
  for (let index = 0; index < count; index += 1) {
    insert.run('x'.repeat(400))
  }
}

describe('WAL checkpointer', () => {
  test('thread copies the log into the file', async () => {
    const file = tempFile()
    const connection = walConnection(file)
    const checkpointer = startWalCheckpointer({
      file,
      connection,
      logger: silentLogger,
      intervalMs: 20,
    })
    const sizeBefore = statSync(file).size

    writeRows(connection, 2000)
    const sizeAfterWrites = statSync(file).size
    await waitFor(() => statSync(file).size > sizeBefore)
    await checkpointer.stop()
    const count = connection.prepare('select count(*) as n from rows').get()
    connection.close()

    expect(sizeAfterWrites).toBe(sizeBefore)
    expect(statSync(file).size).toBeGreaterThan(400 * 2000)
    expect(count).toEqual({ n: 2000 })
  })

  test('app connection never checkpoints itself', async () => {
    const database = await openDatabase({ url: tempFile() })

    const result = await sql<{
      wal_autocheckpoint: number
    }>`pragma wal_autocheckpoint`.execute(database.db)
    await database.close()

    expect(result.rows).toEqual([{ wal_autocheckpoint: 0 }])
  })

  test('inline checkpoints stay when asked for', async () => {
    const database = await openDatabase({
      url: tempFile(),
      checkpointInThread: false,
    })

    const result = await sql<{
      wal_autocheckpoint: number
    }>`pragma wal_autocheckpoint`.execute(database.db)
    await database.close()

    expect(result.rows).toEqual([{ wal_autocheckpoint: 1000 }])
  })
})

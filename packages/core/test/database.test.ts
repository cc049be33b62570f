import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { openDatabase } from '../src/db/database.js'

describe('openDatabase', () => {
  test('migrates a new SQLite file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hoopkit-db-'))
    const database = await openDatabase({ url: join(folder, 'app.db') })

    const rows = await database.db.selectFrom('installs').selectAll().execute()

    expect(database.kind).toBe('sqlite')
    expect(rows).toEqual([])
    await database.close()
  })

  test('opens the same file twice without migrating again', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hoopkit-db-'))
    const first = await openDatabase({ url: `sqlite:${join(folder, 'a.db')}` })
    const second = await openDatabase({ url: `sqlite:${join(folder, 'a.db')}` })

    await first.db
      .insertInto('locks')
      .values({ name: 'n', owner: 'o', expires_at: 1 })
      .execute()
    const rows = await second.db.selectFrom('locks').selectAll().execute()

    expect(rows).toHaveLength(1)
    await first.close()
    await second.close()
  })
})

import { tempPostgresUrl, tempSqliteUrl } from '@hoopkit/testing'
import { afterEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { type Database, openDatabase } from '../src/db/database.js'
import { AppSettingsStore } from '../src/settings/app-settings-store.js'

const schema = z.object({
  greeting: z.string().max(80).default('Hello'),
  autoTag: z.boolean().default(false),
})

const postgresUrl = await tempPostgresUrl()
// Without a PostgreSQL server outside CI, only SQLite runs.
const databases: [string, () => string][] = [['sqlite', () => tempSqliteUrl()]]
if (postgresUrl !== undefined) {
  databases.push(['postgres', () => postgresUrl])
}

describe.each(databases)('AppSettingsStore on %s', (_kind, url) => {
  let database: Database | undefined

  afterEach(async () => {
    await database?.close()
    database = undefined
  })

  async function open(): Promise<AppSettingsStore<typeof schema>> {
    database = await openDatabase({ url: url() })
    await database.db.deleteFrom('app_settings').execute()
    return new AppSettingsStore({
      db: database.db,
      appId: 'app_1',
      schema,
      now: () => 42,
    })
  }

  test('new install reads defaults', async () => {
    const store = await open()
    const settings = await store.read('loc_1')

    expect(settings).toEqual({
      values: { greeting: 'Hello', autoTag: false },
      version: 0,
      updatedBy: null,
      updatedAt: null,
    })
  })

  test('write then read per install', async () => {
    const store = await open()
    const result = await store.write(
      'loc_1',
      { greeting: 'Hi', autoTag: true },
      { userId: 'usr_1', expectedVersion: 0 },
    )
    const other = await store.read('loc_2')
    const stored = await store.read('loc_1')

    expect(result.ok).toBe(true)
    expect(stored.values).toEqual({ greeting: 'Hi', autoTag: true })
    expect(stored.version).toBe(1)
    expect(stored.updatedBy).toBe('usr_1')
    expect(stored.updatedAt).toBe(42)
    expect(other.version).toBe(0)
  })

  test('stale version is a conflict', async () => {
    const store = await open()
    await store.write(
      'loc_1',
      { greeting: 'A' },
      {
        userId: 'usr_1',
        expectedVersion: 0,
      },
    )
    const result = await store.write(
      'loc_1',
      { greeting: 'B' },
      {
        userId: 'usr_2',
        expectedVersion: 0,
      },
    )

    expect(result.ok).toBe(false)
    expect(!result.ok && result.current.values.greeting).toBe('A')
    expect((await store.read('loc_1')).values.greeting).toBe('A')
  })

  test('invalid values throw', async () => {
    const store = await open()

    await expect(
      store.write(
        'loc_1',
        { greeting: 'x'.repeat(81) },
        {
          userId: 'usr_1',
          expectedVersion: 0,
        },
      ),
    ).rejects.toThrow(/80/)
  })
})

import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { testEnv } from './test-env.js'

/** A new SQLite file in a new temporary folder, as a `sqlite:` URL. */
export function tempSqliteUrl(name = 'app.db'): string {
  const folder = mkdtempSync(join(tmpdir(), 'hoopkit-test-'))
  return `sqlite:${join(folder, name)}`
}

/**
 * Creates an empty PostgreSQL database for one test file and returns its
 * URL, or `undefined` when no server answers and the run is not in CI.
 */
export async function tempPostgresUrl(): Promise<string | undefined> {
  const admin = new pg.Client({ connectionString: testEnv.postgresUrl })
  try {
    await admin.connect()
  } catch (error) {
    if (testEnv.ci) {
      throw new Error(
        `postgres: cannot connect to ${testEnv.postgresUrl}: start the ` +
          'server or set TEST_POSTGRES_URL',
        { cause: error },
      )
    }
    return undefined
  }

  const name = `hoopkit_test_${randomUUID().replaceAll('-', '')}`
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }

  const url = new URL(testEnv.postgresUrl)
  url.pathname = `/${name}`
  return url.toString()
}

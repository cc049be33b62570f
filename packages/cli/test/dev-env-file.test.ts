import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadDevEnvFile } from '../src/dev/dev-env-file.js'

function tempPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'hoopkit-devenv-')), 'dev.env')
}

describe('loadDevEnvFile', () => {
  test('generates both secrets on first run', () => {
    const path = tempPath()

    const values = loadDevEnvFile(path)

    expect(
      Buffer.from(values['HOOPKIT_SECRET_KEY'] ?? '', 'base64'),
    ).toHaveLength(32)
    expect(values['HOOPKIT_ACTION_SECRET']).toMatch(/^[0-9a-f]{64}$/)
    expect(statSync(path).mode & 0o777).toBe(0o600)
  })

  test('keeps stored values across runs', () => {
    const path = tempPath()
    const first = loadDevEnvFile(path)

    const second = loadDevEnvFile(path)

    expect(second).toEqual(first)
  })

  test('adds a missing secret and keeps the rest', () => {
    const path = tempPath()
    writeFileSync(path, 'HOOPKIT_SECRET_KEY=kept\nEXTRA=1\n')

    const values = loadDevEnvFile(path)

    expect(values['HOOPKIT_SECRET_KEY']).toBe('kept')
    expect(values['EXTRA']).toBe('1')
    expect(readFileSync(path, 'utf8')).toContain('HOOPKIT_ACTION_SECRET=')
  })
})

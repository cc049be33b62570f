import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import {
  defaultSandboxUrl,
  findSandboxUrl,
} from '../src/trigger/sandbox-url.js'

/** Writes a run file as `hoopkit dev` does, for the given process id. */
function runFileFor(pid: number): { dataDir: string; file: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'hoopkit-run-file-'))
  const file = join(dataDir, 'dev-run.json')
  writeFileSync(
    file,
    JSON.stringify({
      sandboxUrl: 'http://127.0.0.1:4711',
      backendUrl: 'http://127.0.0.1:4712',
      pid,
      startedAt: new Date().toISOString(),
    }),
  )
  return { dataDir, file }
}

/** Returns the id of a process that has already exited. */
async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  await once(child, 'exit')
  return child.pid ?? 0
}

describe('sandbox URL of trigger', () => {
  test('run file of a live dev run', () => {
    const { dataDir, file } = runFileFor(process.pid)

    const found = findSandboxUrl({ sandboxOption: undefined, dataDir })

    expect(found.url).toBe('http://127.0.0.1:4711')
    expect(found.source).toBe(`the URL in ${file}`)
  })

  test('stale run file falls back to default', async () => {
    const pid = await exitedPid()
    const { dataDir, file } = runFileFor(pid)

    const found = findSandboxUrl({ sandboxOption: undefined, dataDir })

    expect(found.url).toBe(defaultSandboxUrl)
    expect(found.source).toBe(
      `the default URL, since the \`hoopkit dev\` that wrote ${file} ` +
        `(process ${pid}) is not running`,
    )
  })

  test('option wins over run file', () => {
    const { dataDir } = runFileFor(process.pid)

    const found = findSandboxUrl({
      sandboxOption: 'http://127.0.0.1:4800',
      dataDir,
    })

    expect(found.url).toBe('http://127.0.0.1:4800')
  })

  test('missing run file gives default', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hoopkit-run-file-'))

    const found = findSandboxUrl({ sandboxOption: undefined, dataDir })

    expect(found.url).toBe(defaultSandboxUrl)
    expect(found.source).toContain('does not exist')
  })
})

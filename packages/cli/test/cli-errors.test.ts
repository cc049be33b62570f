import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { cliDir, startCli } from './cli-process.js'

const root = resolve(cliDir, '../..')

async function failure(args: string[], env: Record<string, string> = {}) {
  const run = startCli(args, env)
  const code = await run.exited
  return { code, output: run.output().trim() }
}

/** Runs `pnpm <args>` in the repository root and returns all it printed. */
async function pnpm(args: string[]) {
  const child = spawn('pnpm', args, {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
  })
  child.stderr.on('data', (chunk) => {
    output += chunk
  })
  const code = await new Promise<number | null>((done) => {
    child.once('exit', (exitCode) => done(exitCode))
  })
  return { code, output: output.trim() }
}

describe('hoopkit failures', () => {
  test('missing --dotenv file names the path', async () => {
    const missing = join(tmpdir(), 'hoopkit-no-such-dir', 'app.env')

    const result = await failure(['check', '--dotenv', missing])
    const relative = await failure(['check', '--dotenv', 'no-such.env'])

    expect(result.code).toBe(1)
    expect(result.output).toBe(
      `hoopkit check: --dotenv ${missing}: file not found: check the path`,
    )
    expect(relative.code).toBe(1)
    expect(relative.output).toBe(
      'hoopkit check: --dotenv no-such.env: file not found: check the ' +
        `path, which is relative to ${cliDir.replace(/\/$/, '')}`,
    )
  })

  test('--dotenv folder is rejected', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hoopkit-check-'))

    const result = await failure(['check', '--dotenv', folder])

    expect(result.code).toBe(1)
    expect(result.output).toBe(
      `hoopkit check: --dotenv ${folder}: cannot read the file (EISDIR): ` +
        'pass a dotenv file',
    )
  })

  test('--dotenv reads variables', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hoopkit-check-'))
    const envFile = join(folder, 'app.env')
    writeFileSync(envFile, 'PUBLIC_URL=not a url\n')

    const result = await failure(['check', '--dotenv', envFile])

    expect(result.code).toBe(1)
    expect(result.output).toContain('problem: PUBLIC_URL "not a url"')
  })

  test('unknown option names it and the usage', async () => {
    const result = await failure(['trigger', 'ContactCreate', '--nope'])

    expect(result.code).toBe(1)
    expect(result.output.split('\n')).toEqual([
      "hoopkit trigger: unknown option '--nope': check the spelling",
      expect.stringMatching(/^usage: hoopkit trigger <Type> /),
    ])
  })

  test('option without value is named', async () => {
    const result = await failure(['trigger', 'ContactCreate', '--location'])

    expect(result.code).toBe(1)
    expect(result.output.split('\n')[0]).toBe(
      "hoopkit trigger: option '--location <value>' needs a value",
    )
  })

  test('trigger without type prints usage', async () => {
    const result = await failure(['trigger'])

    expect(result.code).toBe(1)
    expect(result.output.split('\n')).toEqual([
      'hoopkit trigger: expected an event type, such as ' +
        '`hoopkit trigger ContactCreate --location <id>`',
      expect.stringMatching(/^usage: hoopkit trigger <Type> /),
    ])
  })

  test('bad port prints one line', async () => {
    const result = await failure(['dev', '--sandbox-port', 'abc'])

    expect(result.code).toBe(1)
    expect(result.output).toBe(
      'hoopkit dev: --sandbox-port: expected a port number from 0 to ' +
        '65535, got abc',
    )
  })

  test('unknown framing parent origin is named', async () => {
    const result = await failure(['dev', '--framing-parent-origin', 'iframe'])

    expect(result.code).toBe(1)
    expect(result.output.split('\n')[0]).toBe(
      'hoopkit dev: --framing-parent-origin: expected one of white-label, ' +
        'platform, sandbox, got iframe',
    )
  })

  test('root script adds no pnpm noise', async () => {
    const plain = await pnpm(['hoopkit', 'dev', '--sandbox-port', 'abc'])
    const silent = await pnpm(['-s', 'hoopkit', 'dev', '--sandbox-port', 'x'])

    expect(plain.code).toBe(1)
    expect(plain.output).toContain('hoopkit dev: --sandbox-port:')
    expect(plain.output).not.toContain('undefined')
    expect(plain.output).not.toContain('ERR_PNPM')
    expect(silent.code).toBe(1)
    expect(silent.output).toBe(
      'hoopkit dev: --sandbox-port: expected a port number from 0 to ' +
        '65535, got x',
    )
  })
})

import { describe, expect, test } from 'vitest'
import { startCli } from './cli-process.js'

async function run(args: string[]) {
  const cli = startCli(args, {})
  const code = await cli.exited
  return { code, lines: cli.output().trim().split('\n') }
}

describe('hoopkit --help', () => {
  test.each([
    ['dev', '--help', '--sandbox-port <port>'],
    ['dev', '-h', '--no-watch'],
    ['check', '--help', '--dotenv <file>'],
    ['trigger', '--help', '--location <id>'],
  ])('%s %s prints usage and options', async (name, flag, option) => {
    const result = await run([name, flag])

    expect(result.code).toBe(0)
    expect(result.lines[0]).toMatch(new RegExp(`^usage: hoopkit ${name} `))
    expect(result.lines.some((line) => line.trim().startsWith(option))).toBe(
      true,
    )
  })

  test('dev --help names the default ports', async () => {
    const result = await run(['dev', '--help'])
    const sandboxPort = result.lines.find((line) =>
      line.trim().startsWith('--sandbox-port'),
    )

    expect(sandboxPort).toContain('4100')
  })
})

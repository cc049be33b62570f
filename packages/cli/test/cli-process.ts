import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

export const cliDir = fileURLToPath(new URL('..', import.meta.url))
const bin = fileURLToPath(new URL('../bin/hoopkit.js', import.meta.url))

export interface CliRun {
  child: ChildProcess
  /** Everything the CLI printed so far, stdout and stderr together. */
  output(): string
  exited: Promise<number | null>
}

/** Starts `hoopkit <args>` in the CLI package folder with only `env`. */
export function startCli(args: string[], env: Record<string, string>): CliRun {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: cliDir,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
  })
  child.stderr.on('data', (chunk) => {
    output += chunk
  })
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code))
  })
  return { child, output: () => output, exited }
}

/** A port that was free a moment ago, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (address === null || typeof address === 'string') {
    throw new Error('free port: expected a TCP address')
  }
  return address.port
}

/**
 * Waits until the CLI prints `text`, and fails with its output when it
 * exits first or stays silent for 90 s.
 */
export async function waitForOutput(run: CliRun, text: string): Promise<void> {
  const deadline = Date.now() + 90_000
  let exitCode: number | null | undefined
  void run.exited.then((code) => {
    exitCode = code
  })

  while (!run.output().includes(text)) {
    if (exitCode !== undefined || Date.now() > deadline) {
      const reason =
        exitCode === undefined ? 'timed out' : `exited with code ${exitCode}`
      throw new Error(
        `hoopkit: expected output "${text}", but it ${reason}. Output:\n${run.output()}`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { HoopkitError } from '@hoopkit/core'

/**
 * The URLs of a running `hoopkit dev`, which it writes to
 * `<data dir>/dev-run.json` once both servers respond, and deletes when it
 * stops. `hoopkit trigger` reads it to find a sandbox on any port.
 */
export interface DevRunInfo {
  sandboxUrl: string
  backendUrl: string
  /** The process id of `hoopkit dev`. */
  pid: number
  /** ISO-8601 time at which the run was ready. */
  startedAt: string
}

/** Returns the path of the run file in a data folder. */
export function devRunFilePath(dataDir: string): string {
  return join(dataDir, 'dev-run.json')
}

export function writeDevRunFile(dataDir: string, info: DevRunInfo): void {
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(devRunFilePath(dataDir), `${JSON.stringify(info, null, 2)}\n`)
}

/** Deletes the run file, if it is still there. */
export function removeDevRunFile(dataDir: string): void {
  rmSync(devRunFilePath(dataDir), { force: true })
}

/**
 * Reads the run file of a data folder. Returns `undefined` when there is
 * none, and throws when it is not the JSON that `hoopkit dev` writes.
 */
export function readDevRunFile(dataDir: string): DevRunInfo | undefined {
  const path = devRunFilePath(dataDir)
  if (!existsSync(path)) {
    return undefined
  }

  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw invalidRunFile(path, 'is not valid JSON', error)
  }
  const sandboxUrl = (parsed as { sandboxUrl?: unknown } | null)?.sandboxUrl
  if (typeof sandboxUrl !== 'string' || !URL.canParse(sandboxUrl)) {
    throw invalidRunFile(path, 'has no valid sandboxUrl')
  }
  return parsed as DevRunInfo
}

function invalidRunFile(path: string, reason: string, cause?: unknown) {
  return new HoopkitError(
    'CONFIG_INVALID',
    `${path} ${reason}: delete it, restart \`pnpm dev\`, or pass ` +
      '--sandbox <url>',
    { cause },
  )
}

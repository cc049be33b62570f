import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseEnv } from 'node:util'

/**
 * Reads `.hoopkit/dev.env`, creating it with a new `HOOPKIT_SECRET_KEY` on
 * the first run. The key encrypts the tokens the backend stores, so it
 * must stay the same across restarts for those tokens to stay readable.
 */
export function loadDevEnvFile(path: string): Record<string, string> {
  const values = existsSync(path)
    ? (parseEnv(readFileSync(path, 'utf8')) as Record<string, string>)
    : {}
  if (values['HOOPKIT_SECRET_KEY']) {
    return values
  }

  values['HOOPKIT_SECRET_KEY'] = randomBytes(32).toString('base64')
  mkdirSync(dirname(path), { recursive: true })
  const lines = Object.entries(values).map(
    ([name, value]) => `${name}=${value}`,
  )
  writeFileSync(
    path,
    '# Written by `hoopkit dev`. Keep it: it decrypts the stored dev tokens.\n' +
      `${lines.join('\n')}\n`,
    { mode: 0o600 },
  )
  return values
}

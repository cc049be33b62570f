import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseEnv } from 'node:util'

/**
 * Secrets that `hoopkit dev` generates on the first run. `HOOPKIT_SECRET_KEY`
 * encrypts the tokens the backend stores, so it must stay the same across
 * restarts for those tokens to stay readable. `HOOPKIT_ACTION_SECRET` is the
 * static header value that workflow action calls carry.
 */
const generatedSecrets: Record<string, () => string> = {
  HOOPKIT_SECRET_KEY: () => randomBytes(32).toString('base64'),
  HOOPKIT_ACTION_SECRET: () => randomBytes(32).toString('hex'),
}

/**
 * Reads `.hoopkit/dev.env`, adding each generated secret that it lacks and
 * writing the file back when one was added.
 */
export function loadDevEnvFile(path: string): Record<string, string> {
  const values = existsSync(path)
    ? (parseEnv(readFileSync(path, 'utf8')) as Record<string, string>)
    : {}

  const missing = Object.keys(generatedSecrets).filter((name) => !values[name])
  if (missing.length === 0) {
    return values
  }

  for (const name of missing) {
    values[name] = generatedSecrets[name]?.() ?? ''
  }
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

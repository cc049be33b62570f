import { createRequire } from 'node:module'
import { uiBuildProcesses } from './ui-build-processes.js'

/** A child process that `hoopkit dev` starts and stops with itself. */
export interface DevProcess {
  /** A short name that prefixes each line of the process's output. */
  name: string
  command: string
  args: string[]
  cwd: string
  env: Record<string, string>
  /** A URL that responds with 2xx once the process is ready, if it serves one. */
  readyUrl?: string
}

export interface DevProcessOptions {
  appDir: string
  backendEnv: Record<string, string>
  backendUrl: string
  /** Restarts the backend when its sources change. @default true */
  watch: boolean
}

const require = createRequire(import.meta.url)

/**
 * Every child process of `hoopkit dev`, in start order. Builds that the
 * dev run needs, such as UI bundles, are added to this list.
 */
export function devProcesses(options: DevProcessOptions): DevProcess[] {
  const tsx = require.resolve('tsx/cli')
  const args = options.watch
    ? [tsx, 'watch', 'src/main.ts']
    : [tsx, 'src/main.ts']
  return [
    {
      name: 'backend',
      command: process.execPath,
      args,
      cwd: options.appDir,
      env: options.backendEnv,
      readyUrl: `${options.backendUrl}/healthz`,
    },
    ...uiBuildProcesses({
      appDir: options.appDir,
      env: uiBuildEnv(options.backendEnv),
    }),
  ]
}

// The UI builds get only PATH and HOME, since they need no app secret.
function uiBuildEnv(base: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { NODE_ENV: 'production' }
  for (const name of ['PATH', 'HOME']) {
    const value = base[name]
    if (value !== undefined) {
      env[name] = value
    }
  }
  return env
}

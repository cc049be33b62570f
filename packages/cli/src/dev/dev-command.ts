import { join } from 'node:path'
import { HoopkitError } from '@hoopkit/core'
import {
  type PlatformBehaviour,
  type Sandbox,
  startSandbox,
} from '@hoopkit/sandbox'
import pino from 'pino'
import pretty, { prettyFactory } from 'pino-pretty'
import { loadDeclaration } from '../declaration-loader.js'
import type { WorkspacePaths } from '../workspace.js'
import { backendEnvironment } from './backend-env.js'
import { loadDevEnvFile } from './dev-env-file.js'
import { devProcesses } from './dev-processes.js'
import { removeDevRunFile, writeDevRunFile } from './dev-run-file.js'
import { assertPortFree } from './port-check.js'
import { ProcessSupervisor } from './process-supervisor.js'

export interface DevOptions {
  paths: WorkspacePaths
  /** @default 4100 */
  sandboxPort: number
  /** @default 4000 */
  backendPort: number
  /** The environment to start the children with. */
  env: Record<string, string | undefined>
  /** Restarts the backend when its sources change. */
  watch: boolean
  /** The origin that frames the app's pages; see `PlatformBehaviour`. */
  framingParentOrigin: PlatformBehaviour['framingParentOrigin']
  print: (line: string) => void
  /** Stops a start that is still under way, such as on Ctrl-C. */
  signal?: AbortSignal
}

/** A running `hoopkit dev`. */
export interface DevRun {
  sandbox: Sandbox
  /** The URL to open: the sandbox UI. */
  url: string
  stop(): Promise<void>
}

const host = '127.0.0.1'

/**
 * Starts `hoopkit dev`: the sandbox with its records in `.hoopkit/`, the
 * app registered from its declaration, and the child processes with the
 * sandbox as their platform. Once all are ready, it writes the URLs to
 * `.hoopkit/dev-run.json` for `hoopkit trigger`.
 */
export async function runDev(options: DevOptions): Promise<DevRun> {
  const { paths, print } = options
  const load = await loadDeclaration(paths.appDir)
  if (!load.ok) {
    throw new HoopkitError(
      'CONFIG_INVALID',
      `app declaration: ${load.problems.join('; ')}: run \`pnpm hoopkit check\``,
    )
  }

  const prettyOptions = {
    colorize: false,
    ignore: 'pid,hostname',
    translateTime: 'HH:MM:ss',
  }
  const logger = pino({ name: 'sandbox', level: 'info' }, pretty(prettyOptions))
  // The backend logs pino JSON lines, which read better in the same form.
  const prettyLine = prettyFactory({ ...prettyOptions, singleLine: true })
  await assertPortFree(host, options.backendPort, '--backend-port')
  const sandbox = await startSandbox({
    host,
    port: options.sandboxPort,
    logger,
    persistFile: join(paths.dataDir, 'sandbox.json'),
    platformBehaviour: { framingParentOrigin: options.framingParentOrigin },
  })
  const backendUrl = `http://${host}:${options.backendPort}`
  const app = sandbox.registerApp(load.declaration, { publicUrl: backendUrl })

  const backendEnv = backendEnvironment({
    base: options.env,
    app,
    sandboxUrl: sandbox.url,
    platformAppOrigin: sandbox.platformAppOrigin,
    backendHost: host,
    backendPort: options.backendPort,
    dataDir: paths.dataDir,
    devEnv: loadDevEnvFile(join(paths.dataDir, 'dev.env')),
    webhookPublicKeyPem: sandbox.context.webhookKeys.publicKeyPem,
  })
  const supervisor = new ProcessSupervisor({
    print,
    formatLine: (line) => prettyLine(line).trimEnd(),
    ...(options.signal ? { signal: options.signal } : {}),
  })
  const stop = async () => {
    removeDevRunFile(paths.dataDir)
    await supervisor.stopAll()
    await sandbox.close()
  }

  try {
    const processes = devProcesses({
      appDir: paths.appDir,
      backendEnv,
      backendUrl,
      watch: options.watch,
    })
    for (const spec of processes) {
      await supervisor.start(spec)
    }
  } catch (error) {
    await stop()
    throw error
  }

  writeDevRunFile(paths.dataDir, {
    sandboxUrl: sandbox.url,
    backendUrl,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  })
  const url = `${sandbox.url}/`
  print(`${app.name} is registered and its backend runs at ${backendUrl}.`)
  print(`Open ${url} to install it on a sub-account. Press Ctrl-C to stop.`)
  return { sandbox, url, stop }
}

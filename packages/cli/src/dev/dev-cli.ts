import { HoopkitError } from '@hoopkit/core'
import { parseCommandArguments, usageError } from '../command-arguments.js'
import type { Command } from '../commands.js'
import { runDev } from './dev-command.js'

export const devCommand: Command = {
  summary:
    'start the sandbox and the backend (--sandbox-port 4100, --backend-port 4000, --data-dir .hoopkit, --framing-parent-origin white-label, --no-watch)',
  usage:
    'hoopkit dev [--sandbox-port <port>] [--backend-port <port>] ' +
    '[--data-dir <dir>] [--app <dir>] ' +
    '[--framing-parent-origin white-label|platform|sandbox] [--no-watch]',
  options: [
    ['--sandbox-port <port>', 'port of the sandbox on 127.0.0.1 (4100)'],
    ['--backend-port <port>', 'port of the backend on 127.0.0.1 (4000)'],
    [
      '--data-dir <dir>',
      'folder for the sandbox records, the database and dev.env, relative ' +
        'to the repository root (.hoopkit)',
    ],
    [
      '--app <dir>',
      'app folder, relative to the repository root (apps/integration)',
    ],
    [
      '--framing-parent-origin <origin>',
      'the origin the sandbox shell frames pages from: white-label, ' +
        'platform or sandbox (white-label)',
    ],
    ['--no-watch', 'run the backend without restarting it on changes'],
  ],
  async run(context) {
    const { values } = parseCommandArguments({
      args: context.args,
      options: {
        'sandbox-port': { type: 'string', default: '4100' },
        'backend-port': { type: 'string', default: '4000' },
        'data-dir': { type: 'string' },
        app: { type: 'string' },
        'framing-parent-origin': { type: 'string', default: 'white-label' },
        'no-watch': { type: 'boolean', default: false },
      },
    })
    const paths = context.paths({
      ...(values.app ? { appDir: values.app } : {}),
      ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    })
    // Listen before anything starts, so Ctrl-C during start-up also stops
    // the children, which run in their own process groups.
    const stopRequest = new AbortController()
    const stopped = new Promise<NodeJS.Signals>((resolve) => {
      const onSignal = (signal: NodeJS.Signals) => {
        stopRequest.abort()
        resolve(signal)
      }
      process.once('SIGINT', onSignal)
      process.once('SIGTERM', onSignal)
    })

    let run: Awaited<ReturnType<typeof runDev>>
    try {
      run = await runDev({
        paths,
        sandboxPort: port(values['sandbox-port'], '--sandbox-port'),
        backendPort: port(values['backend-port'], '--backend-port'),
        env: context.env,
        watch: !values['no-watch'],
        framingParentOrigin: framingParentOrigin(
          values['framing-parent-origin'],
        ),
        print: context.print,
        signal: stopRequest.signal,
      })
    } catch (error) {
      if (stopRequest.signal.aborted) {
        context.print('stopped during start-up')
        return 0
      }
      throw error
    }

    const signal = await stopped
    context.print(`${signal}: stopping the backend and the sandbox`)
    await run.stop()
    context.print('stopped')
    return 0
  },
}

const framingParentOrigins = ['white-label', 'platform', 'sandbox'] as const

function framingParentOrigin(
  value: string,
): (typeof framingParentOrigins)[number] {
  const known = framingParentOrigins.find((origin) => origin === value)
  if (known === undefined) {
    throw usageError(
      `--framing-parent-origin: expected one of ` +
        `${framingParentOrigins.join(', ')}, got ${value}`,
    )
  }
  return known
}

function port(value: string, option: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0 || number > 65_535) {
    throw new HoopkitError(
      'CONFIG_INVALID',
      `${option}: expected a port number from 0 to 65535, got ${value}`,
    )
  }
  return number
}

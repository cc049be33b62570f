import { parseCommandArguments } from '../command-arguments.js'
import type { Command } from '../commands.js'
import { runCheck } from './check-command.js'

export const checkCommand: Command = {
  summary:
    'check the app declaration and the environment (--app <dir>, --dotenv <file>)',
  usage: 'hoopkit check [--app <dir>] [--dotenv <file>]',
  options: [
    [
      '--app <dir>',
      'app folder, relative to the repository root (apps/integration)',
    ],
    [
      '--dotenv <file>',
      'dotenv file whose variables override the environment, relative to ' +
        'the current folder',
    ],
  ],
  async run(context) {
    const { values } = parseCommandArguments({
      args: context.args,
      options: {
        app: { type: 'string' },
        dotenv: { type: 'string' },
        // NOTE: Node 20 (checked on 20.20.2) also reads `--env-file` after
        // the script name, and when the file is missing it exits with 9 and
        // `node: <path>: not found` before hoopkit runs. `--dotenv` avoids it.
        'env-file': { type: 'string' },
      },
    })
    const paths = context.paths(values.app ? { appDir: values.app } : {})
    const envFile = envFileOption(values)
    return runCheck({
      appDir: paths.appDir,
      root: paths.root,
      env: context.env,
      cwd: context.cwd,
      ...(envFile ? { envFile } : {}),
      print: context.print,
    })
  },
}

function envFileOption(values: {
  dotenv?: string | undefined
  'env-file'?: string | undefined
}) {
  if (values.dotenv) {
    return { option: '--dotenv', path: values.dotenv }
  }
  if (values['env-file']) {
    return { option: '--env-file', path: values['env-file'] }
  }
  return undefined
}

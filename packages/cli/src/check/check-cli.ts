import { parseArgs } from 'node:util'
import type { Command } from '../commands.js'
import { runCheck } from './check-command.js'

export const checkCommand: Command = {
  summary:
    'check the app declaration and the environment (--app <dir>, --env-file <file>)',
  async run(context) {
    const { values } = parseArgs({
      args: context.args,
      options: {
        app: { type: 'string' },
        'env-file': { type: 'string' },
      },
    })
    const paths = context.paths(values.app ? { appDir: values.app } : {})
    return runCheck({
      appDir: paths.appDir,
      root: paths.root,
      env: context.env,
      ...(values['env-file'] ? { envFile: values['env-file'] } : {}),
      print: context.print,
    })
  },
}

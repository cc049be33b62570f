import { resolve } from 'node:path'
import { parseCommandArguments, usageError } from '../command-arguments.js'
import type { Command } from '../commands.js'
import { findSandboxUrl } from './sandbox-url.js'
import { runTrigger } from './trigger-command.js'

export const triggerCommand: Command = {
  summary:
    'send one webhook event through the running sandbox: trigger <Type> (--location <id>, --company <id>, --app <appId>, --file <json>, --sandbox <url>, --data-dir .hoopkit)',
  usage:
    'hoopkit trigger <Type> [--location <id>] [--company <id>] ' +
    '[--app <appId>] [--file <json>] [--sandbox <url>] [--data-dir <dir>]',
  options: [
    ['--location <id>', "sub-account to send to (the fixture's one)"],
    ['--company <id>', 'agency id in the body'],
    ['--app <appId>', 'app to send to, when the sandbox has several'],
    ['--file <json>', 'send this body instead of the fixture'],
    [
      '--sandbox <url>',
      'sandbox URL (from dev-run.json, else http://127.0.0.1:4100)',
    ],
    ['--data-dir <dir>', 'folder with the dev-run.json of `hoopkit dev`'],
  ],
  async run(context) {
    const { values, positionals } = parseCommandArguments({
      args: context.args,
      allowPositionals: true,
      options: {
        location: { type: 'string' },
        company: { type: 'string' },
        app: { type: 'string' },
        file: { type: 'string' },
        sandbox: { type: 'string' },
        'data-dir': { type: 'string' },
      },
    })
    const [type] = positionals
    if (type === undefined) {
      throw usageError(
        'expected an event type, such as ' +
          '`hoopkit trigger ContactCreate --location <id>`',
      )
    }

    const paths = context.paths(
      values['data-dir'] ? { dataDir: values['data-dir'] } : {},
    )
    const sandbox = findSandboxUrl({
      sandboxOption: values.sandbox,
      dataDir: paths.dataDir,
    })
    return runTrigger({
      sandboxUrl: sandbox.url,
      sandboxSource: sandbox.source,
      type,
      print: context.print,
      ...(values.location ? { locationId: values.location } : {}),
      ...(values.company ? { companyId: values.company } : {}),
      ...(values.app ? { appId: values.app } : {}),
      ...(values.file ? { file: resolve(context.cwd, values.file) } : {}),
    })
  },
}

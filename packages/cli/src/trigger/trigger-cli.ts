import { parseArgs } from 'node:util'
import type { Command } from '../commands.js'
import { runTrigger } from './trigger-command.js'

export const triggerCommand: Command = {
  summary:
    'send one webhook event through the running sandbox: trigger <Type> (--location <id>, --company <id>, --app <appId>, --file <json>, --sandbox http://127.0.0.1:4100)',
  async run(context) {
    const { values, positionals } = parseArgs({
      args: context.args,
      allowPositionals: true,
      options: {
        location: { type: 'string' },
        company: { type: 'string' },
        app: { type: 'string' },
        file: { type: 'string' },
        sandbox: { type: 'string', default: 'http://127.0.0.1:4100' },
      },
    })
    const [type] = positionals
    if (type === undefined) {
      context.print(
        'trigger: expected an event type, such as `hoopkit trigger ContactCreate --location <id>`',
      )
      return 1
    }

    return runTrigger({
      sandboxUrl: values.sandbox,
      type,
      print: context.print,
      ...(values.location ? { locationId: values.location } : {}),
      ...(values.company ? { companyId: values.company } : {}),
      ...(values.app ? { appId: values.app } : {}),
      ...(values.file ? { file: values.file } : {}),
    })
  },
}

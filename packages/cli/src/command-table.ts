import { checkCommand } from './check/check-cli.js'
import type { Command } from './commands.js'
import { devCommand } from './dev/dev-cli.js'
import { triggerCommand } from './trigger/trigger-cli.js'

/** Every `hoopkit` command by name. A new command adds its line here. */
export const commands: Record<string, Command> = {
  dev: devCommand,
  check: checkCommand,
  trigger: triggerCommand,
}

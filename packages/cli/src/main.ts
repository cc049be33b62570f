import { isHoopkitError } from '@hoopkit/core'
import { commands } from './command-table.js'
import type { Command } from './commands.js'
import { invocationDirectory, processEnvironment } from './env.js'
import { workspacePaths } from './workspace.js'

const [name, ...args] = process.argv.slice(2)
const command = name === undefined ? undefined : commands[name]

if (name === undefined || command === undefined) {
  if (name !== undefined) {
    console.error(`hoopkit: unknown command ${name}\n`)
  }
  printCommands()
  process.exitCode = name ? 1 : 0
} else {
  process.exitCode = await runCommand(name, command)
  // NOTE: after `hoopkit dev` stops, some handle that Node does not list
  // keeps the event loop alive, so the CLI exits explicitly once done.
  process.exit()
}

/**
 * Runs one command and returns its exit code. A failure prints one line,
 * `hoopkit <command>: <message>`, with no stack trace, and returns 1.
 */
async function runCommand(commandName: string, entry: Command) {
  try {
    return await entry.run({
      args,
      paths: (overrides = {}) =>
        workspacePaths({ cwd: process.cwd(), ...overrides }),
      env: processEnvironment(),
      cwd: invocationDirectory(),
      print: (line) => console.log(line),
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    console.error(`hoopkit ${commandName}: ${message}`)
    if (isHoopkitError(error) && error.details['showUsage'] === true) {
      console.error(`usage: ${entry.usage}`)
    }
    return 1
  }
}

function printCommands(): void {
  console.error('Usage: hoopkit <command> [options]\n\nCommands:')
  for (const [commandName, entry] of Object.entries(commands)) {
    console.error(`  ${commandName.padEnd(8)} ${entry.summary}`)
  }
}

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
} else if (asksForHelp(args)) {
  printHelp(command)
  process.exitCode = 0
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

/** Tells whether `--help` or `-h` comes before any `--` separator. */
function asksForHelp(commandArgs: string[]): boolean {
  const end = commandArgs.indexOf('--')
  const options = end === -1 ? commandArgs : commandArgs.slice(0, end)
  return options.includes('--help') || options.includes('-h')
}

function printHelp(entry: Command): void {
  console.log(`usage: ${entry.usage}\n\n${entry.summary}\n\nOptions:`)
  const width = Math.max(...entry.options.map(([option]) => option.length))
  for (const [option, description] of entry.options) {
    console.log(`  ${option.padEnd(width)}  ${description}`)
  }
}

function printCommands(): void {
  console.error('Usage: hoopkit <command> [options]\n\nCommands:')
  for (const [commandName, entry] of Object.entries(commands)) {
    console.error(`  ${commandName.padEnd(8)} ${entry.summary}`)
  }
}

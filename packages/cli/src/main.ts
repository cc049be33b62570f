import { isHoopkitError } from '@hoopkit/core'
import { commands } from './command-table.js'
import { processEnvironment } from './env.js'
import { workspacePaths } from './workspace.js'

const [name, ...args] = process.argv.slice(2)
const command = name === undefined ? undefined : commands[name]

if (command === undefined) {
  if (name !== undefined) {
    console.error(`hoopkit: unknown command ${name}\n`)
  }
  console.error('Usage: hoopkit <command> [options]\n\nCommands:')
  for (const [commandName, entry] of Object.entries(commands)) {
    console.error(`  ${commandName.padEnd(8)} ${entry.summary}`)
  }
  process.exitCode = name ? 1 : 0
} else {
  try {
    process.exitCode = await command.run({
      args,
      paths: (overrides = {}) =>
        workspacePaths({ cwd: process.cwd(), ...overrides }),
      env: processEnvironment(),
      print: (line) => console.log(line),
    })
  } catch (error) {
    const message =
      isHoopkitError(error) || error instanceof Error
        ? error.message
        : String(error)
    console.error(`hoopkit ${name}: ${message}`)
    process.exitCode = 1
  }
  // NOTE: after `hoopkit dev` stops, some handle that Node does not list
  // keeps the event loop alive, so the CLI exits explicitly once done.
  process.exit()
}

import type { processEnvironment } from './env.js'
import type { WorkspacePaths } from './workspace.js'

/** The input that `main.ts` gives every command. */
export interface CommandContext {
  /** The arguments after the command name. */
  args: string[]
  paths: (overrides?: { appDir?: string; dataDir?: string }) => WorkspacePaths
  env: ReturnType<typeof processEnvironment>
  /** The folder that relative file paths in `args` resolve against. */
  cwd: string
  print: (line: string) => void
}

/**
 * A command runs until it is done and returns the exit code. It throws a
 * `HoopkitError` for bad input or a failed step, and `main.ts` prints its
 * message on one line and exits with 1.
 */
export interface Command {
  summary: string
  /** The synopsis after `usage: `, printed after an argument error. */
  usage: string
  /** Each option and what it sets, printed by `--help`. */
  options: readonly (readonly [option: string, description: string])[]
  run(context: CommandContext): Promise<number>
}

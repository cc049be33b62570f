import type { processEnvironment } from './env.js'
import type { WorkspacePaths } from './workspace.js'

/** The input that `main.ts` gives every command. */
export interface CommandContext {
  /** The arguments after the command name. */
  args: string[]
  paths: (overrides?: { appDir?: string; dataDir?: string }) => WorkspacePaths
  env: ReturnType<typeof processEnvironment>
  print: (line: string) => void
}

/** A command runs until it is done and returns the exit code. */
export interface Command {
  summary: string
  run(context: CommandContext): Promise<number>
}

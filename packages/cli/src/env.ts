/**
 * Returns a copy of the process environment: the CLI's only read of it.
 * Commands pass the copy on, to checks and to the processes they start.
 */
export function processEnvironment(): Record<string, string | undefined> {
  return { ...process.env }
}

/**
 * Returns the folder that relative paths on the command line resolve
 * against. pnpm runs root scripts in the repository root and sets
 * `INIT_CWD` to the folder where `pnpm hoopkit` was typed, so that folder
 * wins over the process's working directory.
 */
export function invocationDirectory(): string {
  return process.env['INIT_CWD'] || process.cwd()
}

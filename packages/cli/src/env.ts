/**
 * Returns a copy of the process environment: the CLI's only read of it.
 * Commands pass the copy on, to checks and to the processes they start.
 */
export function processEnvironment(): Record<string, string | undefined> {
  return { ...process.env }
}

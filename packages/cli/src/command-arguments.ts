import { type ParseArgsConfig, parseArgs } from 'node:util'
import { HoopkitError } from '@hoopkit/core'

/**
 * Parses a command's arguments with `node:util` `parseArgs`, and turns its
 * errors into a `HoopkitError` that names the option, with `showUsage` set
 * so that `main.ts` prints the command's usage after it.
 */
export function parseCommandArguments<T extends ParseArgsConfig>(config: T) {
  try {
    return parseArgs(config)
  } catch (error) {
    throw argumentError(error)
  }
}

/** Creates an argument error, after whose message `main.ts` prints usage. */
export function usageError(message: string): HoopkitError {
  return new HoopkitError('CONFIG_INVALID', message, {
    details: { showUsage: true },
  })
}

function argumentError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const message = error instanceof Error ? error.message : String(error)
  // parseArgs quotes the option or argument, as in `Unknown option '--x'`.
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? ''
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return usageError(`unknown option '${quoted}': check the spelling`)
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return usageError(
        message.includes('argument missing')
          ? `option '${quoted}' needs a value`
          : `option '${quoted}' takes no value`,
      )
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return usageError(`unexpected argument '${quoted}'`)
    default:
      return error
  }
}

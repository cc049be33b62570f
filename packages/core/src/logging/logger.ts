/**
 * The logger that core packages receive from their caller. Its shape is the
 * subset of pino that core uses, so an app passes a pino logger unchanged.
 */
export interface Logger {
  debug(fields: object, message: string): void
  info(fields: object, message: string): void
  warn(fields: object, message: string): void
  error(fields: object, message: string): void
  child(bindings: object): Logger
  isLevelEnabled?(level: string): boolean
}

/** A logger that drops everything; the default where none is given. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger
  },
}

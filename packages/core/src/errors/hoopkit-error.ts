import { type ErrorCode, errorCodes } from './error-codes.js'

export interface HoopkitErrorOptions {
  /** The underlying error, kept for logs and debugging. */
  cause?: unknown
  /** Extra facts for callers, such as `locationId` or `traceId`. No secrets. */
  details?: Record<string, unknown>
}

/**
 * The one error class of hoopkit. `code` comes from the closed table in
 * `error-codes.ts`, and `status` is the HTTP status that table gives it.
 */
export class HoopkitError extends Error {
  override readonly name = 'HoopkitError'
  readonly code: ErrorCode
  readonly status: number
  readonly details: Readonly<Record<string, unknown>>

  constructor(code: ErrorCode, message: string, options?: HoopkitErrorOptions) {
    super(message, { cause: options?.cause })
    this.code = code
    this.status = errorCodes[code]
    this.details = Object.freeze({ ...options?.details })
  }

  /** Wraps a thrown value of unknown kind as `INTERNAL`, keeping its stack. */
  static from(value: unknown): HoopkitError {
    if (value instanceof HoopkitError) {
      return value
    }

    const message = value instanceof Error ? value.message : String(value)
    return new HoopkitError('INTERNAL', `internal error: ${message}`, {
      cause: value,
    })
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.details }
  }
}

export function isHoopkitError(
  value: unknown,
  code?: ErrorCode,
): value is HoopkitError {
  if (!(value instanceof HoopkitError)) {
    return false
  }
  return code === undefined || value.code === code
}

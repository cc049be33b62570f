/** Codes of the errors that the UI helpers reject with. */
export type UiErrorCode =
  | 'SSO_TIMEOUT'
  | 'SSO_NOT_FRAMED'
  | 'SSO_EXCHANGE_FAILED'
  | 'SESSION_INVALID'

/**
 * The error of the browser-side helpers. It mirrors hoopkit's server error
 * shape (`code` and a message with the fix) without importing core,
 * which needs Node.js.
 */
export class UiError extends Error {
  override readonly name = 'UiError'
  readonly code: UiErrorCode
  readonly status: number | null

  constructor(
    code: UiErrorCode,
    message: string,
    options: { cause?: unknown; status?: number } = {},
  ) {
    super(message, { cause: options.cause })
    this.code = code
    this.status = options.status ?? null
  }
}

export function isUiError(
  value: unknown,
  code?: UiErrorCode,
): value is UiError {
  return value instanceof UiError && (code === undefined || value.code === code)
}

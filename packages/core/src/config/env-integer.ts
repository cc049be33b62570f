import { z } from 'zod'

export interface EnvIntegerOptions {
  min: number
  max?: number
  default: number
}

/**
 * Builds the schema of a whole-number environment variable. A blank value
 * counts as unset, so `NAME=` in an env file keeps the default instead of
 * failing. A value out of range or not a number is rejected, and the
 * message names the range.
 */
export function envInteger(options: EnvIntegerOptions) {
  const range =
    options.max === undefined
      ? `at least ${options.min}`
      : `from ${options.min} to ${options.max}`
  const fallback = `or unset for ${options.default}`
  const message = `must be a whole number ${range}, ${fallback}`
  const number = z.coerce
    .number({ message })
    .int({ message })
    .min(options.min, { message })
  const bounded =
    options.max === undefined ? number : number.max(options.max, { message })

  return z.preprocess(
    (value) =>
      typeof value === 'string' && value.trim() === '' ? undefined : value,
    bounded.default(options.default),
  )
}

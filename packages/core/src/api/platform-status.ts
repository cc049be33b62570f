import { isHoopkitError } from '../errors/hoopkit-error.js'

/**
 * Returns the HTTP status that the platform sent for a failed API call, or
 * `undefined` when the call failed before a reply, such as on a timeout.
 * The error's own `status` is the one hoopkit serves, not the platform's.
 */
export function platformStatusOf(error: unknown): number | undefined {
  if (!isHoopkitError(error)) {
    return undefined
  }
  const status = error.details['status']
  return typeof status === 'number' ? status : undefined
}

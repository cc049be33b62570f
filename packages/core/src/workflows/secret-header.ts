import { createHash, timingSafeEqual } from 'node:crypto'

/** The header that carries the app's static action secret by default. */
export const defaultActionSecretHeader = 'x-hoopkit-action-secret'

/**
 * Compares a received header value with the app's secret in constant time.
 * Both sides are hashed first, so their lengths leak nothing either.
 */
export function secretMatches(
  received: string | string[] | undefined,
  secret: string,
): boolean {
  if (typeof received !== 'string' || received.length === 0) {
    return false
  }
  const left = createHash('sha256').update(received).digest()
  const right = createHash('sha256').update(secret).digest()
  return timingSafeEqual(left, right)
}

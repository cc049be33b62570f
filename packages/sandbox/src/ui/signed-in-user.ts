import { HoopkitError } from '@hoopkit/core'
import type { User } from '../state/entities.js'
import type { SandboxState } from '../state/sandbox-state.js'
import { seedIds } from '../state/seed-data.js'

/**
 * Returns the user a sandbox page acts as: the one named by the `as` parameter,
 * else the seed agency admin, else the first user.
 */
export function signedInUser(state: SandboxState, as: unknown): User {
  const { users } = state
  const user =
    users.get(typeof as === 'string' ? as : '') ??
    users.get(seedIds.agencyAdmin) ??
    users.values().next().value
  if (user === undefined) {
    throw new HoopkitError(
      'CONFIG_INVALID',
      'sandbox users: expected at least one, got none: start the sandbox ' +
        'with `seed: true`',
    )
  }
  return user
}

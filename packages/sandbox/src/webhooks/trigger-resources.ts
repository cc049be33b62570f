import type { SandboxState } from '../state/sandbox-state.js'

/** The sub-account that a triggered event names, as the trigger reply shows it. */
export interface TriggeredLocation {
  id: string
  /** `null` when the id is not a sub-account of the sandbox. */
  name: string | null
}

/**
 * Checks the location and company ids of a trigger request against the
 * sandbox's sub-accounts and agencies. Returns the message of the 400
 * reply, with the known ids, or `undefined` when both ids are known or
 * absent.
 */
export function unknownResourceMessage(
  state: SandboxState,
  input: { locationId?: string | undefined; companyId?: string | undefined },
): string | undefined {
  if (input.locationId && !state.locations.has(input.locationId)) {
    const known = [...state.locations.values()].map(
      (location) => `${location.id} (${location.name})`,
    )
    return (
      `trigger: locationId ${JSON.stringify(input.locationId)} is not a ` +
      `sub-account of this sandbox: use one of ${known.join(', ')}, or ` +
      'send a body that names the id'
    )
  }
  if (input.companyId && !state.companies.has(input.companyId)) {
    const known = [...state.companies.values()].map(
      (company) => `${company.id} (${company.name})`,
    )
    return (
      `trigger: companyId ${JSON.stringify(input.companyId)} is not an ` +
      `agency of this sandbox: use one of ${known.join(', ')}, or send a ` +
      'body that names the id'
    )
  }
  return undefined
}

/**
 * Finds the sub-account that an event body names: `locationId`, or
 * `altId` when `altType` is `location`, or the `id` of a LocationUpdate.
 * Returns `null` for an event that names none, such as an agency INSTALL.
 */
export function triggeredLocation(
  state: SandboxState,
  body: Record<string, unknown>,
): TriggeredLocation | null {
  const id =
    stringField(body, 'locationId') ??
    (body['altType'] === 'location' ? stringField(body, 'altId') : undefined) ??
    (body['type'] === 'LocationUpdate' ? stringField(body, 'id') : undefined)
  if (id === undefined) {
    return null
  }
  return { id, name: state.locations.get(id)?.name ?? null }
}

function stringField(
  body: Record<string, unknown>,
  name: string,
): string | undefined {
  const value = body[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

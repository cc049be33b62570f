/**
 * The `installType` values that the platform sends to the Billing URL. An
 * agency that installs on its sub-accounts sends the literal string
 * `agency,location`.
 */
export const billingInstallTypes = [
  'location',
  'agency',
  'agency,location',
] as const

export type BillingInstallType = (typeof billingInstallTypes)[number]

/** The kinds of resource that an install covers. */
export interface InstallTargets {
  agency: boolean
  location: boolean
}

/**
 * Parses `installType` into the kinds of resource it names. The parts may
 * come in either order and with spaces around them, as proxies and
 * hand-written links do. Returns `null` for anything else.
 */
export function parseInstallType(
  value: string,
): { type: BillingInstallType; targets: InstallTargets } | null {
  const parts = new Set(
    value
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => part !== ''),
  )
  const agency = parts.delete('agency')
  const location = parts.delete('location')
  if (parts.size > 0 || (!agency && !location)) {
    return null
  }

  let type: BillingInstallType = 'location'
  if (agency) {
    type = location ? 'agency,location' : 'agency'
  }
  return { type, targets: { agency, location } }
}

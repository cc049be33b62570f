import { HoopkitError } from '../errors/hoopkit-error.js'
import {
  type BillingInstallType,
  type InstallTargets,
  parseInstallType,
} from './install-type.js'

/** The install that the platform sends to the app's Billing URL. */
export interface BillingRequest {
  clientId: string
  installType: BillingInstallType
  targets: InstallTargets
  /** Set for `agency` and `agency,location` installs. */
  companyId: string | null
  /** The sub-accounts to bill, in the order the platform listed them. */
  locationIds: string[]
}

export type BillingRequestResult =
  | { ok: true; request: BillingRequest }
  | { ok: false; error: HoopkitError }

/** Query values as Fastify, `URLSearchParams` or a plain object give them. */
export type BillingQuery =
  | URLSearchParams
  | Readonly<Record<string, string | readonly string[] | undefined>>

const idPattern = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Reads the Billing URL's query: `clientId`, `installType`, `companyId` and
 * `locationId`, a comma-separated list that may also be repeated. The
 * client id is compared as an opaque string, so any form the platform
 * issues works.
 */
export function parseBillingRequest(
  query: BillingQuery,
  expectedClientId: string,
): BillingRequestResult {
  const clientId = firstValue(query, 'clientId')
  if (clientId === undefined) {
    return failure(
      'BILLING_CLIENT_MISMATCH',
      `billing: the query has no clientId, expected ${expectedClientId}: ` +
        'open the Billing URL from the install, which adds clientId, ' +
        'installType and the install ids',
      { clientId: null },
    )
  }
  if (clientId !== expectedClientId) {
    return failure(
      'BILLING_CLIENT_MISMATCH',
      `billing: expected clientId ${expectedClientId}, got ` +
        `${JSON.stringify(clientId)}: the install is for another app, or ` +
        'HOOPAI_CLIENT_ID is not the client id of the app with this ' +
        'Billing URL',
      { clientId },
    )
  }

  const rawType = firstValue(query, 'installType') ?? ''
  const installType = parseInstallType(rawType)
  if (installType === null) {
    return failure(
      'BILLING_REQUEST_INVALID',
      'billing: expected installType location, agency or agency,location, ' +
        `got ${JSON.stringify(rawType)}`,
      { installType: rawType },
    )
  }

  return checkTargets(query, clientId, installType)
}

function checkTargets(
  query: BillingQuery,
  clientId: string,
  installType: NonNullable<ReturnType<typeof parseInstallType>>,
): BillingRequestResult {
  const companyId = firstValue(query, 'companyId')?.trim() || null
  const locationIds = listValues(query, 'locationId')
  const badId = [companyId, ...locationIds].find(
    (id) => id !== null && !idPattern.test(id),
  )
  if (badId !== undefined && badId !== null) {
    return failure(
      'BILLING_REQUEST_INVALID',
      `billing: expected ids of letters, digits, _ and -, got ${JSON.stringify(badId)}`,
      { id: badId },
    )
  }

  if (installType.targets.agency && companyId === null) {
    return failure(
      'BILLING_REQUEST_INVALID',
      `billing: installType ${installType.type} needs a companyId, got none`,
    )
  }
  if (installType.targets.location && locationIds.length === 0) {
    return failure(
      'BILLING_REQUEST_INVALID',
      `billing: installType ${installType.type} needs at least one ` +
        'locationId, got none',
    )
  }

  const request: BillingRequest = {
    clientId,
    installType: installType.type,
    targets: installType.targets,
    companyId,
    locationIds: installType.targets.location ? locationIds : [],
  }
  return { ok: true, request }
}

function failure(
  code: 'BILLING_CLIENT_MISMATCH' | 'BILLING_REQUEST_INVALID',
  message: string,
  details?: Record<string, unknown>,
): BillingRequestResult {
  return { ok: false, error: new HoopkitError(code, message, { details }) }
}

function rawValues(query: BillingQuery, name: string): string[] {
  if (query instanceof URLSearchParams) {
    return query.getAll(name)
  }
  const value = query[name]
  if (value === undefined) {
    return []
  }
  return typeof value === 'string' ? [value] : [...value]
}

function firstValue(query: BillingQuery, name: string): string | undefined {
  return rawValues(query, name)[0]
}

/** Splits every value on commas, trims, drops blanks and repeats. */
function listValues(query: BillingQuery, name: string): string[] {
  const ids = rawValues(query, name)
    .flatMap((value) => value.split(','))
    .map((id) => id.trim())
    .filter((id) => id !== '')
  return [...new Set(ids)]
}

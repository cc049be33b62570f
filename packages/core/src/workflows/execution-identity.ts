import { createHash } from 'node:crypto'
import type { ActionRequestBody } from './action-request.js'

// Sorted keys, so two deliveries of one body hash alike whatever the order
// in which the platform wrote their properties.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([left], [right]) => compareKeys(left, right))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

function compareKeys(left: string, right: string): number {
  if (left === right) {
    return 0
  }
  return left < right ? -1 : 1
}

/**
 * Derives an execution's identity from its request, because the platform
 * sends no execution id: the action key and version, the ids in `extras`
 * and a hash of `data`. A repeated delivery gets the same identity.
 */
export function executionKey(body: ActionRequestBody): string {
  const identity = {
    key: body.meta.key,
    version: body.meta.version,
    locationId: body.extras.locationId,
    contactId: body.extras.contactId ?? null,
    workflowId: body.extras.workflowId,
    data: body.data,
  }
  return createHash('sha256').update(canonicalJson(identity)).digest('hex')
}

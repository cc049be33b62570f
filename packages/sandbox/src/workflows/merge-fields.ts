import type { Contact } from '../state/entities.js'

/** The values that merge fields such as `{{contact.email}}` read. */
export interface MergeValues {
  contact: Contact | null
  locationId: string
  trigger: unknown
  /** Custom variables of earlier steps, by step id. */
  steps: Record<string, unknown>
}

function snakeToCamel(name: string): string {
  return name.replace(/_([a-z])/g, (_match, letter: string) =>
    letter.toUpperCase(),
  )
}

function lookUp(root: unknown, path: string[]): unknown {
  let current = root
  for (const part of path) {
    if (typeof current !== 'object' || current === null) {
      return undefined
    }
    const record = current as Record<string, unknown>
    current = part in record ? record[part] : record[snakeToCamel(part)]
  }
  return current
}

function contactValue(contact: Contact | null, path: string[]): unknown {
  if (contact === null) {
    return undefined
  }
  if (path.length === 1 && (path[0] === 'name' || path[0] === 'full_name')) {
    return contact.contactName
  }
  return lookUp(contact, path)
}

function mergeValue(name: string, values: MergeValues): unknown {
  const [root, ...path] = name.split('.')
  switch (root) {
    case 'contact':
      return contactValue(values.contact, path)
    case 'location':
      return path[0] === 'id' ? values.locationId : undefined
    case 'trigger':
      return lookUp(values.trigger, path)
    case 'steps':
      return lookUp(values.steps, path)
    default:
      return undefined
  }
}

function asText(value: unknown): string {
  if (value === undefined || value === null) {
    return ''
  }
  if (Array.isArray(value)) {
    return value.map(asText).join(',')
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/**
 * Resolves merge fields in a step's field values, as the platform does
 * before it calls the action: each `{{name}}` becomes text, and an unknown
 * or empty one becomes an empty string.
 */
export function resolveMergeFields(
  fields: Record<string, unknown>,
  values: MergeValues,
): Record<string, unknown> {
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return value.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_match, name: string) =>
        asText(mergeValue(name, values)),
      )
    }
    if (Array.isArray(value)) {
      return value.map(resolve)
    }
    return value
  }
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, resolve(value)]),
  )
}

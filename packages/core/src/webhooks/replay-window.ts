export type ReplayCheck =
  | { ok: true; timestampMs: number }
  | { ok: false; reason: 'timestamp_missing' | 'timestamp_out_of_window' }

/**
 * Checks the `timestamp` field of a signed body against the current time.
 * Both sides are UTC epoch milliseconds, so the server's time zone plays no
 * part, and no header is consulted because headers are not signed.
 */
export function checkReplayWindow(
  timestamp: unknown,
  nowMs: number,
  toleranceMs: number,
): ReplayCheck {
  if (typeof timestamp !== 'string' && typeof timestamp !== 'number') {
    return { ok: false, reason: 'timestamp_missing' }
  }

  const timestampMs = parseTimestamp(timestamp)
  if (Number.isNaN(timestampMs)) {
    return { ok: false, reason: 'timestamp_missing' }
  }
  if (Math.abs(nowMs - timestampMs) > toleranceMs) {
    return { ok: false, reason: 'timestamp_out_of_window' }
  }
  return { ok: true, timestampMs }
}

/**
 * Reads the `timestamp` field of a signed body as UTC epoch milliseconds,
 * or returns undefined when it is missing or not a time.
 */
export function webhookTimeOf(fields: Record<string, unknown>) {
  const timestamp = fields['timestamp']
  if (typeof timestamp !== 'string' && typeof timestamp !== 'number') {
    return undefined
  }
  const timestampMs = parseTimestamp(timestamp)
  return Number.isNaN(timestampMs) ? undefined : timestampMs
}

/**
 * Reads an ISO-8601 string or epoch milliseconds. An ISO string without a
 * zone offset would be read as local time, so it is read as UTC instead.
 */
function parseTimestamp(value: string | number): number {
  if (typeof value === 'number') {
    return value
  }

  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value)
  const isDateTime = /^\d{4}-\d{2}-\d{2}T/.test(value)
  return Date.parse(isDateTime && !hasZone ? `${value}Z` : value)
}

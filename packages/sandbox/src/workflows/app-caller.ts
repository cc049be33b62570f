import type { SandboxClock } from '../sandbox-clock.js'
import type { CallRecord } from './workflow-records.js'

export interface AppCall {
  url: string
  headers: Record<string, string>
  body: unknown
  /** Platform milliseconds before the call counts as timed out. */
  timeoutMs: number
}

function masked(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(headers).map((name) => [name, '••••••']),
  )
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (text === '') {
    return null
  }
  try {
    return JSON.parse(text)
  } catch {
    return text.slice(0, 2000)
  }
}

/**
 * Posts JSON to an app, as the platform calls actions and subscription
 * URLs, and records the request and the reply. Header values are masked in
 * the record, since they hold the app's secret.
 */
export async function callApp(
  call: AppCall,
  clock: SandboxClock,
): Promise<CallRecord> {
  const record: CallRecord = {
    at: new Date(clock.now()).toISOString(),
    url: call.url,
    headers: masked(call.headers),
    body: call.body,
    response: null,
    error: null,
  }

  try {
    const response = await fetch(call.url, {
      method: 'POST',
      headers: { ...call.headers, 'content-type': 'application/json' },
      body: JSON.stringify(call.body),
      signal: AbortSignal.timeout(clock.scaled(call.timeoutMs)),
    })
    record.response = {
      status: response.status,
      body: await readBody(response),
    }
  } catch (error) {
    const timedOut = (error as { name?: string }).name === 'TimeoutError'
    record.error = timedOut
      ? `timed out after ${call.timeoutMs} ms`
      : `request failed: ${(error as Error).message}`
  }
  return record
}

/** Tells whether a call got a 2xx reply with a JSON object body. */
export function succeeded(record: CallRecord): boolean {
  const response = record.response
  return (
    response !== null &&
    response.status >= 200 &&
    response.status < 300 &&
    typeof response.body === 'object' &&
    response.body !== null &&
    !Array.isArray(response.body)
  )
}

import type { AccessToken } from '../oauth/token-provider.js'
import type { Endpoint } from './api-endpoint.js'
import type { BuiltRequest } from './request-builder.js'
import type { FailureKind } from './retry-policy.js'

/** The result of sending one request: a response, or a network failure. */
export type Attempt =
  | { kind: 'response'; status: number; headers: Headers; body: unknown }
  | { kind: 'failure'; failure: FailureKind; error: unknown }

/**
 * Sends one request with `fetch`, its token, its pinned `Version` header
 * and a timeout. A caller's abort is thrown; other failures are returned.
 */
export async function sendAttempt(options: {
  endpoint: Endpoint
  request: BuiltRequest
  token: AccessToken
  timeoutMs: number
  signal: AbortSignal | undefined
  /** Runs once the response headers arrive, before the body is read. */
  onHeaders?: () => Promise<void>
}): Promise<Attempt> {
  const { endpoint, request } = options
  const headers: Record<string, string> = {
    Authorization: `Bearer ${options.token.token}`,
    Accept: 'application/json',
  }
  if (endpoint.version !== null) {
    headers['Version'] = endpoint.version
  }
  if (request.body !== undefined) {
    headers['Content-Type'] = 'application/json'
  }

  const timeout = AbortSignal.timeout(options.timeoutMs)
  const signal = options.signal
    ? AbortSignal.any([timeout, options.signal])
    : timeout
  try {
    const response = await fetch(request.url, {
      method: endpoint.method,
      headers,
      body: request.body,
      signal,
    })
    await options.onHeaders?.()
    const text = await response.text()
    return {
      kind: 'response',
      status: response.status,
      headers: response.headers,
      body: parseJson(text),
    }
  } catch (error) {
    if (options.signal?.aborted) {
      throw options.signal.reason
    }
    return { kind: 'failure', failure: failureKind(error), error }
  }
}

// A refused connection never reached the platform. Anything else that
// fails after the request left may have been acted on.
function failureKind(error: unknown): FailureKind {
  const code = (error as { cause?: { code?: unknown } })?.cause?.code
  return code === 'ECONNREFUSED' ? 'unprocessed' : 'ambiguous'
}

function parseJson(text: string): unknown {
  if (text.trim() === '') {
    return {}
  }
  try {
    return JSON.parse(text)
  } catch {
    return { message: text.slice(0, 500) }
  }
}

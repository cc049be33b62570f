/** The outcome of one request to an OAuth endpoint of the platform. */
export type OauthHttpResult =
  | { ok: true; status: number; body: unknown }
  | { ok: false; reason: 'timeout' | 'network'; cause: unknown }

export interface OauthHttpRequest {
  url: URL
  method: 'GET' | 'POST'
  headers?: Record<string, string>
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>
  timeoutMs: number
}

/**
 * Sends one request with global fetch and a timeout. The body is parsed as
 * JSON when it is JSON and kept as text otherwise, because error replies
 * from proxies in front of the platform are often HTML or plain text.
 */
export async function sendOauthRequest(
  request: OauthHttpRequest,
): Promise<OauthHttpResult> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...request.headers,
  }
  let body: string | undefined
  if (request.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(request.form).toString()
  }

  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers,
      body,
      signal: AbortSignal.timeout(request.timeoutMs),
    })
    const text = await response.text()
    return { ok: true, status: response.status, body: parseBody(text) }
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError'
    return { ok: false, reason: timedOut ? 'timeout' : 'network', cause: error }
  }
}

function parseBody(text: string): unknown {
  if (text === '') {
    return undefined
  }
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

import { HoopkitError } from '../errors/hoopkit-error.js'

/**
 * The header of a request that checks a webhook route instead of carrying
 * an event. The route replies 204 to it once it has read the raw body,
 * and stores and logs nothing.
 */
export const routeCheckHeader = 'x-hoopkit-route-check'

export interface WebhookRouteCheckOptions {
  /** The webhook route's URL on the app's own server. */
  url: string
  /** @default 3000 */
  timeoutMs?: number
}

/**
 * Posts a check request to the app's webhook route, so that a server whose
 * route cannot read the raw body fails at startup with the path in the
 * error, instead of failing on the first real event. Run it right after
 * the server listens.
 *
 * @example
 * await server.listen({ host: '127.0.0.1', port: 3000 })
 * await checkWebhookRoute({ url: 'http://127.0.0.1:3000/webhooks' })
 */
export async function checkWebhookRoute(
  options: WebhookRouteCheckOptions,
): Promise<void> {
  const path = new URL(options.url).pathname
  const timeoutMs = options.timeoutMs ?? 3000
  let response: Response
  try {
    response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [routeCheckHeader]: '1' },
      body: '{}',
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    throw routeCheckFailed(path, requestFailure(error, timeoutMs), error)
  }

  if (response.status === 204) {
    return
  }
  const body = (await response.json().catch(() => ({}))) as { code?: string }
  if (body.code === 'WEBHOOK_RAW_BODY_UNAVAILABLE') {
    throw routeCheckFailed(
      path,
      'a body parser read the request body before the webhook handler: ' +
        'mount the handler before any body parser, or use webhookPlugin',
    )
  }
  throw routeCheckFailed(
    path,
    `the route replied ${response.status} instead of 204: check that the ` +
      `webhook handler is mounted at ${path}`,
  )
}

function requestFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return (
      `no reply within ${timeoutMs} ms: a body reader registered for ` +
      'another path may be waiting for bytes that were already read'
    )
  }
  const message = error instanceof Error ? error.message : String(error)
  return `the request failed (${message}): check that the server listens`
}

function routeCheckFailed(
  path: string,
  reason: string,
  cause?: unknown,
): HoopkitError {
  return new HoopkitError(
    'WEBHOOK_ROUTE_CHECK_FAILED',
    `webhook route ${path}: ${reason}`,
    { details: { path }, ...(cause === undefined ? {} : { cause }) },
  )
}

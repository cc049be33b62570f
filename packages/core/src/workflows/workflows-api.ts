import { z } from 'zod'
import { apiVersion20210728, defineEndpoint } from '../api/api-endpoint.js'
import type { CallOptions } from '../api/api-transport.js'
import type { ScopedSender } from '../api/scoped-sender.js'

const anyBody = z.record(z.string(), z.unknown())

// The trigger's `targetUrl` differs per subscription, so each call gets an
// endpoint of its own path.
function postEndpoint(path: string) {
  return defineEndpoint({
    id: 'workflows.post',
    method: 'POST',
    path,
    version: apiVersion20210728,
    tokenKinds: ['Location'],
    // NOTE: the platform names no scope for resume calls and trigger events.
    scope: null,
    inject: [],
    body: anyBody,
    response: z.unknown(),
    family: 'workflows',
  })
}

/**
 * The workflow calls of one sub-account: resuming a paused action and
 * sending a trigger event to its `targetUrl`. `retry: 'never'` is the
 * default, because `TriggerFirer` retries on its own.
 */
export class WorkflowsApi {
  readonly #send: ScopedSender

  constructor(send: ScopedSender) {
    this.#send = send
  }

  /** Posts a JSON body to a path, or to an absolute URL's path, of the API. */
  post(
    urlOrPath: string,
    body: Record<string, unknown>,
    options: CallOptions = { retry: 'never' },
  ): Promise<unknown> {
    const path = urlOrPath.startsWith('/')
      ? urlOrPath
      : new URL(urlOrPath).pathname
    return this.#send(postEndpoint(path), { body }, options)
  }
}

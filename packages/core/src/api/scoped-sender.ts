import type { TokenTarget } from '../oauth/token-provider.js'
import type { Endpoint, EndpointInput } from './api-endpoint.js'
import type { ApiTransport, CallOptions } from './api-transport.js'

/** Sends endpoint calls for one scope: one location or one company. */
export type ScopedSender = <TQuery, TBody, TResponse>(
  endpoint: Endpoint<TQuery, TBody, TResponse>,
  input: EndpointInput<TQuery, TBody>,
  options?: CallOptions,
) => Promise<TResponse>

export function scopedSender(
  transport: ApiTransport,
  target: TokenTarget,
): ScopedSender {
  const frozen = Object.freeze({ ...target })
  return (endpoint, input, options) =>
    transport.send(endpoint, input, frozen, options)
}

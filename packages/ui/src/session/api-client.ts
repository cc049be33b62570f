import type { AppRouter } from '@hoopkit/api'
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client'
import type { SessionClient } from './session-client.js'

export type ApiClient = TRPCClient<AppRouter>

/**
 * Creates the tRPC client of the UIs. Each request carries the session as
 * `Authorization: Bearer` and sends no cookies.
 */
export function createApiClient(options: {
  session: SessionClient
  /** @default '' (the page's own origin) */
  baseUrl?: string
}): ApiClient {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${options.baseUrl ?? ''}/trpc`,
        headers: async () => ({
          authorization: `Bearer ${await options.session.token()}`,
        }),
        fetch: (url, init) =>
          globalThis.fetch(url, {
            ...(init as RequestInit),
            credentials: 'omit',
          }),
      }),
    ],
  })
}

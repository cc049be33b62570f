import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { TRPCClientError } from '@trpc/client'
import { type ReactNode, useState } from 'react'
import type { SessionClient } from '../session/session-client.js'
import {
  SessionProvider,
  type SessionProviderProps,
  useApiClient,
  useSessionClient,
} from './session-provider.js'
import { TRPCProvider } from './trpc-context.js'

export type HoopkitProviderProps = SessionProviderProps

/**
 * Runs the SSO exchange and provides the tRPC client with TanStack Query,
 * for pages that use `useTRPC()` and `useQuery`.
 */
export function HoopkitProvider(props: HoopkitProviderProps) {
  return (
    <SessionProvider baseUrl={props.baseUrl} getPayload={props.getPayload}>
      <QueryLayer>{props.children}</QueryLayer>
    </SessionProvider>
  )
}

function QueryLayer(props: { children: ReactNode }) {
  const session = useSessionClient()
  const client = useApiClient()
  const [queryClient] = useState(() => createQueryClient(session))
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        {props.children}
      </TRPCProvider>
    </QueryClientProvider>
  )
}

// Client errors (4xx) are not retried, since the same request fails the
// same way. An UNAUTHORIZED drops the token, so a retry exchanges again.
function createQueryClient(session: SessionClient): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failures, error) => retryable(error, session) && failures < 2,
      },
      mutations: { retry: false },
    },
  })
}

function retryable(error: unknown, session: SessionClient): boolean {
  if (!(error instanceof TRPCClientError)) {
    return true
  }
  const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus
  if (status === 401) {
    session.invalidate()
    return true
  }
  return status === undefined || status >= 500
}

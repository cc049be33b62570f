import type { AppRouter } from '@hoopkit/api'
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server'
import { createTRPCContext } from '@trpc/tanstack-react-query'

/**
 * The TanStack Query integration of the tRPC router: `useTRPC()` returns
 * query and mutation options, such as
 * `useQuery(trpc.contacts.list.queryOptions({ locationId }))`.
 */
export const { TRPCProvider, useTRPC, useTRPCClient } =
  /* @__PURE__ */ createTRPCContext<AppRouter>()

// NOTE: with @trpc/tanstack-react-query 11.22.1 and TypeScript 7,
// `queryOptions()` leaves its output type unresolved, so components pass
// it explicitly: `queryOptions<RouterOutputs['contacts']['list']>(input)`.
export type RouterInputs = inferRouterInputs<AppRouter>
export type RouterOutputs = inferRouterOutputs<AppRouter>

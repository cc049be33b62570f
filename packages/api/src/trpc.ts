import { HoopkitError } from '@hoopkit/core'
import { initTRPC, TRPCError } from '@trpc/server'
import type { ApiContext } from './context.js'

type TrpcCode = TRPCError['code']

const t = initTRPC.context<ApiContext>().create({
  // Error replies never carry stack traces, which name server paths.
  // tRPC would otherwise include them whenever NODE_ENV is not production.
  isDev: false,
  errorFormatter({ shape, error }) {
    const cause = error.cause
    return {
      ...shape,
      data: {
        ...shape.data,
        hoopkitCode: cause instanceof HoopkitError ? cause.code : null,
      },
    }
  },
})

export const router = t.router
export const middleware = t.middleware
export const createCallerFactory = t.createCallerFactory

/**
 * Turns a `HoopkitError` from a procedure into the tRPC error with the
 * matching HTTP status, so a platform 403 reaches the UI as FORBIDDEN and
 * not as a 500.
 */
const hoopkitErrors = t.middleware(async ({ next }) => {
  const result = await next()
  if (!result.ok && result.error.cause instanceof HoopkitError) {
    const cause = result.error.cause
    throw new TRPCError({
      code: trpcCodeFor(cause.status),
      message: cause.message,
      cause,
    })
  }
  return result
})

/** A procedure that needs no session, such as a health probe. */
export const publicProcedure = t.procedure.use(hoopkitErrors)

function trpcCodeFor(status: number): TrpcCode {
  const codes: Record<number, TrpcCode> = {
    400: 'BAD_REQUEST',
    401: 'UNAUTHORIZED',
    402: 'PAYMENT_REQUIRED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    409: 'CONFLICT',
    413: 'PAYLOAD_TOO_LARGE',
    422: 'UNPROCESSABLE_CONTENT',
    429: 'TOO_MANY_REQUESTS',
    502: 'BAD_GATEWAY',
    503: 'SERVICE_UNAVAILABLE',
    504: 'GATEWAY_TIMEOUT',
  }
  return codes[status] ?? 'INTERNAL_SERVER_ERROR'
}

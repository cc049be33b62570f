import type { FastifyReply } from 'fastify'
import type { z } from 'zod'

/**
 * Validates a query or body the way the platform's validation pipe does:
 * an unknown property gets 422 `property <name> should not exist`, and any
 * other problem a 422 naming the property. Returns `null` after replying.
 */
export function platformInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  reply: FastifyReply,
): z.infer<T> | null {
  const result = schema.safeParse(value ?? {})
  if (result.success) {
    return result.data
  }

  const message = result.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `property ${key} should not exist`)
    }
    const name = issue.path.join('.') || 'body'
    return [`${name} ${issue.message}`]
  })
  void reply.code(422).send({
    statusCode: 422,
    message,
    error: 'Unprocessable Entity',
  })
  return null
}

/** Replies 403 as the platform does when a token names another location. */
export function denyLocation(reply: FastifyReply): FastifyReply {
  return reply.code(403).send({
    statusCode: 403,
    message: 'The token does not have access to this location',
    error: 'Forbidden',
  })
}

/** Replies 404 with the platform's body. */
export function notFound(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(404).send({ statusCode: 404, message })
}

import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { isRemoteOptions } from './action-field.js'
import type { ActionReply } from './action-reply.js'
import { failure, fieldErrors } from './action-reply.js'
import {
  type ActionRequestBody,
  actionRequestSchema,
} from './action-request.js'
import { dynamicFieldsReply } from './dynamic-section.js'
import type { WorkflowRuntime } from './workflow-runtime.js'

export interface WorkflowPluginOptions {
  runtime: WorkflowRuntime
}

type KeyParams = { key: string }
type FieldParams = { key: string; field: string }

/**
 * Mounts the endpoints that the Marketplace calls, each checked against the
 * static secret header:
 * - `POST /actions/:key` runs an action.
 * - `POST /actions/:key/dynamic-fields` returns `{"inputs":[…]}`.
 * - `GET /actions/:key/options/:field` returns `{"options":[…]}`.
 * - `POST /triggers/:key/subscription` stores or deletes a `targetUrl`.
 * - `POST /triggers/:key/dynamic-filters` returns `{"filters":[…]}`.
 *
 * @example
 * await server.register(workflowPlugin, { runtime, prefix: '/workflows' })
 */
export const workflowPlugin: FastifyPluginAsync<WorkflowPluginOptions> = async (
  instance,
  { runtime },
) => {
  const send = (reply: FastifyReply, result: ActionReply) =>
    reply.code(result.status).type('application/json').send(result.body)
  const guard = (request: FastifyRequest) =>
    runtime.secret.check(request.headers, 'workflow call')

  instance.post<{ Params: KeyParams }>(
    '/actions/:key',
    async (request, reply) => {
      const result = await runtime.executor.execute({
        actionKey: request.params.key,
        headers: request.headers,
        body: request.body,
      })
      return send(reply, result)
    },
  )

  // Both dynamic endpoints take the action body and return a built list,
  // or nothing when the key has no such list.
  const dynamicRoute = (
    path: string,
    kind: string,
    build: (
      key: string,
      body: ActionRequestBody,
    ) => Promise<Record<string, unknown>> | undefined,
  ) =>
    instance.post<{ Params: KeyParams }>(path, async (request, reply) => {
      const rejected = guard(request)
      if (rejected) {
        return send(reply, rejected)
      }
      const body = actionRequestSchema.safeParse(request.body)
      if (!body.success) {
        return send(reply, invalidBody(body.error))
      }
      const built = build(request.params.key, body.data)
      if (!built) {
        return send(reply, notFound(kind, request.params.key))
      }
      return send(reply, { status: 200, body: await built })
    })

  dynamicRoute(
    '/actions/:key/dynamic-fields',
    'dynamic field of action',
    (key, body) => {
      const action = runtime.actions.find((entry) => entry.key === key)
      return action?.dynamicFields?.(body).then(dynamicFieldsReply)
    },
  )

  instance.get<{ Params: FieldParams; Querystring: Record<string, string> }>(
    '/actions/:key/options/:field',
    async (request, reply) => {
      const rejected = guard(request)
      const action = runtime.actions.find(
        (entry) => entry.key === request.params.key,
      )
      const options = action?.fields[request.params.field]?.options
      if (rejected || !isRemoteOptions(options)) {
        return send(
          reply,
          rejected ??
            notFound(
              'options of',
              `${request.params.key}.${request.params.field}`,
            ),
        )
      }
      const list = await options.load(request.query)
      return send(reply, {
        status: 200,
        body: { options: list.map(({ label, value }) => ({ label, value })) },
      })
    },
  )

  instance.post('/triggers/:key/subscription', async (request, reply) => {
    const result = await runtime.subscriptions.handle({
      headers: request.headers,
      body: request.body,
    })
    return send(reply, result)
  })

  dynamicRoute(
    '/triggers/:key/dynamic-filters',
    'dynamic filters of trigger',
    (key, body) => {
      const trigger = runtime.triggers.find((entry) => entry.key === key)
      return trigger?.dynamicFilters?.(body).then((filters) => ({ filters }))
    },
  )
}

function notFound(kind: string, key: string): ActionReply {
  return failure(
    'ACTION_NOT_FOUND',
    `workflow call: no ${kind} ${JSON.stringify(key)} is defined`,
  )
}

function invalidBody(error: Parameters<typeof fieldErrors>[0]): ActionReply {
  return failure(
    'ACTION_INPUT_INVALID',
    'workflow call: expected a body {data, extras, meta}: see fieldErrors',
    { fieldErrors: fieldErrors(error) },
  )
}

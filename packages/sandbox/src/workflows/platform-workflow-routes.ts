import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { AccessGrant } from '../sandbox-auth.js'
import type { SandboxContext } from '../sandbox-context.js'
import { type InjectedEndpoint, sandboxWorkflows } from './sandbox-workflows.js'
import { workflowRunner } from './workflow-runner.js'

const resumeSchema = z.object({
  extras: z.looseObject({
    locationId: z.string().min(1),
    contactId: z.string().min(1).optional(),
    workflowId: z.string().min(1),
  }),
})

const wrongLocation = {
  statusCode: 403,
  message: 'The token does not have access to this location',
}

/**
 * Serves the platform's workflow endpoints that apps call: a trigger's
 * `targetUrl`, which starts the workflow, and the resume endpoint of
 * paused actions. Both take POST only and need a location bearer token.
 */
export function platformWorkflowRoutes(
  server: FastifyInstance,
  context: SandboxContext,
) {
  const records = sandboxWorkflows(context)
  const runner = workflowRunner(context)

  const authenticate = (
    request: FastifyRequest,
    reply: FastifyReply,
  ): AccessGrant | undefined => {
    const result = context.auth.authenticate(request.headers.authorization)
    if (!result.ok) {
      void reply.code(result.failure.statusCode).send(result.failure.body)
      return undefined
    }
    return result.grant
  }

  const injected = (endpoint: InjectedEndpoint, reply: FastifyReply) => {
    const status = records.takeInjectedFailure(endpoint)
    if (status !== undefined) {
      void reply
        .code(status)
        .send({ statusCode: status, message: 'Injected failure' })
      return true
    }
    return false
  }

  server.post<{ Params: { triggerId: string; workflowId: string } }>(
    '/workflows-marketplace/triggers/execute/:triggerId/:workflowId',
    async (request, reply) => {
      const grant = records.behaviour.requireTriggerBearer
        ? authenticate(request, reply)
        : undefined
      if (reply.sent || injected('trigger', reply)) {
        return reply
      }
      const workflow = records.workflowByTrigger(
        request.params.triggerId,
        request.params.workflowId,
      )
      if (!workflow?.trigger) {
        return reply
          .code(404)
          .send({ statusCode: 404, message: 'Trigger subscription not found' })
      }
      if (
        grant &&
        (grant.locationId !== workflow.locationId ||
          grant.appId !== workflow.trigger.appId)
      ) {
        return reply.code(403).send(wrongLocation)
      }

      const payload = (request.body ?? {}) as Record<string, unknown>
      const contactId =
        typeof payload['contactId'] === 'string' ? payload['contactId'] : null
      // The platform replies before the workflow has run.
      void runner.start(workflow, { contactId, triggerPayload: payload })
      return reply.send({ success: true })
    },
  )

  server.post(
    '/workflows-marketplace/actions/resume-action',
    async (request, reply) => {
      const grant = authenticate(request, reply)
      if (!grant || injected('resume', reply)) {
        return reply
      }
      const parsed = resumeSchema.safeParse(request.body)
      if (!parsed.success) {
        return reply.code(422).send({
          statusCode: 422,
          message: ['extras must have locationId and workflowId'],
          error: 'Unprocessable Entity',
        })
      }
      const { extras } = parsed.data
      if (grant.locationId !== extras.locationId) {
        return reply.code(403).send(wrongLocation)
      }

      const paused = [...records.paused.values()].find(
        ({ run }) =>
          run.workflowId === extras.workflowId &&
          run.locationId === extras.locationId &&
          (run.contactId ?? undefined) === extras.contactId,
      )
      if (!paused) {
        return reply.code(404).send({
          statusCode: 404,
          message: 'No paused action matches these extras',
        })
      }
      void runner.resume(paused.run.id)
      return reply.send({ success: true })
    },
  )
}

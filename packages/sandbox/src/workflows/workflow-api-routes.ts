import type { FastifyInstance, FastifyReply } from 'fastify'
import { z } from 'zod'
import type { SandboxContext } from '../sandbox-context.js'
import { sandboxWorkflows } from './sandbox-workflows.js'
import { loadWorkflowApp } from './workflow-app-loader.js'
import type { WorkflowBehaviour } from './workflow-behaviour.js'
import {
  createWorkflow,
  deleteWorkflow,
  updateWorkflow,
} from './workflow-editor.js'
import { workflowAppSchema, workflowInputSchema } from './workflow-records.js'
import { workflowRunner } from './workflow-runner.js'

type IdParams = { id: string }

const behaviourSchema = z
  .object({
    actionTimeoutMs: z.number().int().min(1),
    onActionFailure: z.enum(['fail', 'skip', 'retry']),
    actionRetries: z.number().int().min(0).max(10),
    duplicateActionCalls: z.enum(['none', 'some', 'all']),
    requireTriggerBearer: z.boolean(),
  })
  .partial() satisfies z.ZodType<Partial<WorkflowBehaviour>>

const loadSchema = z.object({
  url: z.url().optional(),
  headers: z.record(z.string(), z.string()).default({}),
})

const failureSchema = z.object({
  endpoint: z.enum(['trigger', 'resume']),
  count: z.number().int().min(1).max(100),
  status: z.number().int().min(400).max(599),
})

function invalid(reply: FastifyReply, error: z.ZodError) {
  return reply.code(422).send({
    statusCode: 422,
    message: error.issues.map(
      (issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`,
    ),
    error: 'Unprocessable Entity',
  })
}

function notFound(reply: FastifyReply, record: string) {
  return reply
    .code(404)
    .send({ statusCode: 404, message: `${record} not found` })
}

/**
 * Serves the sandbox's own JSON API for workflows, under `/sandbox/api`: configure
 * an app's actions and triggers, save, change and delete workflows, run
 * them for a contact, and change the workflow behaviours.
 */
export function workflowApiRoutes(
  server: FastifyInstance,
  context: SandboxContext,
) {
  const records = sandboxWorkflows(context)
  const runner = workflowRunner(context)

  server.put<{ Params: { appId: string } }>(
    '/sandbox/api/workflow-apps/:appId',
    async (request, reply) => {
      const parsed = workflowAppSchema.safeParse(request.body)
      if (!parsed.success) {
        return invalid(reply, parsed.error)
      }
      records.apps.set(request.params.appId, parsed.data)
      return reply.send({
        appId: request.params.appId,
        actions: parsed.data.actions.length,
        triggers: parsed.data.triggers.length,
      })
    },
  )

  server.post<{ Params: { appId: string } }>(
    '/sandbox/api/workflow-apps/:appId/load',
    async (request, reply) => {
      const parsed = loadSchema.safeParse(request.body ?? {})
      if (!parsed.success) {
        return invalid(reply, parsed.error)
      }
      const result = await loadWorkflowApp(context, {
        appId: request.params.appId,
        ...parsed.data,
      })
      if (!result.ok) {
        return reply.code(422).send({
          statusCode: 422,
          message: [result.message],
          error: 'Unprocessable Entity',
        })
      }
      return reply.send({
        appId: request.params.appId,
        actions: result.app.actions.length,
        triggers: result.app.triggers.length,
      })
    },
  )

  server.put('/sandbox/api/workflow-behaviour', async (request, reply) => {
    const parsed = behaviourSchema.safeParse(request.body)
    if (!parsed.success) {
      return invalid(reply, parsed.error)
    }
    Object.assign(records.behaviour, parsed.data)
    return reply.send(records.behaviour)
  })

  server.post('/sandbox/api/workflow-failures', async (request, reply) => {
    const parsed = failureSchema.safeParse(request.body)
    if (!parsed.success) {
      return invalid(reply, parsed.error)
    }
    records.failNext(
      parsed.data.endpoint,
      parsed.data.count,
      parsed.data.status,
    )
    return reply.send(parsed.data)
  })

  server.post('/sandbox/api/workflows', async (request, reply) => {
    const parsed = workflowInputSchema.safeParse(request.body)
    if (!parsed.success) {
      return invalid(reply, parsed.error)
    }
    const workflow = await createWorkflow(context, parsed.data)
    return reply.code(201).send(workflow)
  })

  server.put<{ Params: IdParams }>(
    '/sandbox/api/workflows/:id',
    async (request, reply) => {
      const old = records.workflows.get(request.params.id)
      const parsed = workflowInputSchema.safeParse(request.body)
      if (!old) {
        return notFound(reply, 'workflow')
      }
      if (!parsed.success) {
        return invalid(reply, parsed.error)
      }
      const workflow = await updateWorkflow(context, old, parsed.data)
      return reply.send(workflow)
    },
  )

  server.delete<{ Params: IdParams }>(
    '/sandbox/api/workflows/:id',
    async (request, reply) => {
      const workflow = records.workflows.get(request.params.id)
      if (!workflow) {
        return notFound(reply, 'workflow')
      }
      await deleteWorkflow(context, workflow)
      return reply.send({
        deleted: true,
        subscriptionCalls: workflow.subscriptionCalls,
      })
    },
  )

  server.get<{ Params: IdParams }>(
    '/sandbox/api/workflows/:id',
    async (request, reply) => {
      const workflow = records.workflows.get(request.params.id)
      if (!workflow) {
        return notFound(reply, 'workflow')
      }
      return reply.send({ workflow, runs: records.runsOf(workflow.id) })
    },
  )

  server.post<{ Params: IdParams }>(
    '/sandbox/api/workflows/:id/runs',
    async (request, reply) => {
      const workflow = records.workflows.get(request.params.id)
      if (!workflow) {
        return notFound(reply, 'workflow')
      }
      const body = z
        .object({
          contactId: z.string().min(1).nullish(),
          triggerPayload: z.unknown().optional(),
        })
        .safeParse(request.body ?? {})
      if (!body.success) {
        return invalid(reply, body.error)
      }
      const run = await runner.start(workflow, {
        contactId: body.data.contactId ?? null,
        triggerPayload: body.data.triggerPayload,
      })
      return reply.code(201).send(run)
    },
  )

  server.get<{ Params: IdParams }>(
    '/sandbox/api/workflow-runs/:id',
    async (request, reply) => {
      const run = records.runs.get(request.params.id)
      return run ? reply.send(run) : notFound(reply, 'workflow run')
    },
  )
}

import type { FastifyInstance } from 'fastify'
import type { SandboxContext } from '../sandbox-context.js'
import { sandboxWorkflows } from './sandbox-workflows.js'
import { loadWorkflowApp } from './workflow-app-loader.js'
import { createWorkflow, deleteWorkflow } from './workflow-editor.js'
import { builderSteps, renderWorkflowPage } from './workflow-page.js'
import type { WorkflowInput } from './workflow-records.js'
import { workflowRunner } from './workflow-runner.js'

type Form = Record<string, string | undefined>

const defaultSecretHeader = 'x-hoopkit-action-secret'

// `reference=value` lines; a value may contain `=`.
function parseFieldLines(text: string | undefined): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const line of (text ?? '').split(/\r?\n/)) {
    const at = line.indexOf('=')
    if (at > 0) {
      fields[line.slice(0, at).trim()] = line.slice(at + 1).trim()
    }
  }
  return fields
}

function splitKey(value: string): { appId: string; key: string } | null {
  const at = value.indexOf(':')
  return at > 0 ? { appId: value.slice(0, at), key: value.slice(at + 1) } : null
}

/** Turns the builder form into a workflow, offering each action its branches. */
export function workflowFromForm(
  context: SandboxContext,
  form: Form,
): WorkflowInput {
  const records = sandboxWorkflows(context)
  const trigger = splitKey(form['trigger'] ?? '')
  const steps: WorkflowInput['steps'] = []
  for (let number = 1; number <= builderSteps; number += 1) {
    const action = splitKey(form[`action${number}`] ?? '')
    if (action) {
      const definition = records.apps
        .get(action.appId)
        ?.actions.find((entry) => entry.key === action.key)
      steps.push({
        appId: action.appId,
        actionKey: action.key,
        fields: parseFieldLines(form[`fields${number}`]),
        branches: (definition?.branches ?? []).map((branch) => ({
          name: branch.name,
        })),
      })
    }
  }
  return {
    name: form['name'] || 'Sandbox workflow',
    locationId: form['locationId'] ?? '',
    trigger: trigger
      ? { appId: trigger.appId, key: trigger.key, filters: [] }
      : null,
    steps,
  }
}

/** Serves the Workflow Builder's page and its form posts, under `/ui/workflows`. */
export function workflowUiRoutes(
  server: FastifyInstance,
  context: SandboxContext,
) {
  const records = sandboxWorkflows(context)

  server.get('/ui/workflows', (request, reply) => {
    const query = request.query as Form
    return reply
      .type('text/html')
      .send(renderWorkflowPage(context, query['as'], query['message']))
  })

  server.post('/ui/workflow-apps/load', async (request, reply) => {
    const form = (request.body ?? {}) as Form
    const headerName = form['headerName'] || defaultSecretHeader
    const result = await loadWorkflowApp(context, {
      appId: form['appId'] ?? '',
      headers: { [headerName]: form['headerValue'] ?? '' },
      ...(form['url'] ? { url: form['url'] } : {}),
    })
    const message = result.ok
      ? `Loaded ${result.app.actions.length} actions and ${result.app.triggers.length} triggers.`
      : result.message
    return reply.redirect(
      `/ui/workflows?message=${encodeURIComponent(message)}`,
      303,
    )
  })

  server.post('/ui/workflows', async (request, reply) => {
    await createWorkflow(
      context,
      workflowFromForm(context, (request.body ?? {}) as Form),
    )
    return reply.redirect('/ui/workflows', 303)
  })

  server.post<{ Params: { id: string } }>(
    '/ui/workflows/:id/run',
    async (request, reply) => {
      const workflow = records.workflows.get(request.params.id)
      if (workflow) {
        const contactId = ((request.body ?? {}) as Form)['contactId'] || null
        await workflowRunner(context).start(workflow, { contactId })
      }
      return reply.redirect('/ui/workflows', 303)
    },
  )

  server.post<{ Params: { id: string } }>(
    '/ui/workflows/:id/delete',
    async (request, reply) => {
      const workflow = records.workflows.get(request.params.id)
      if (workflow) {
        await deleteWorkflow(context, workflow)
      }
      return reply.redirect('/ui/workflows', 303)
    },
  )
}

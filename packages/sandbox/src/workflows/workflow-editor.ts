import type { SandboxContext } from '../sandbox-context.js'
import { platformId } from '../state/sandbox-ids.js'
import { sandboxWorkflows } from './sandbox-workflows.js'
import { sendSubscription } from './trigger-subscriptions.js'
import type { Workflow, WorkflowInput } from './workflow-records.js'
import { withIds } from './workflow-runner.js'

/** Builds a workflow record from what the builder saved. */
export function workflowFrom(
  input: WorkflowInput,
  id = platformId(),
): Workflow {
  const trigger = input.trigger
  return {
    id,
    name: input.name,
    locationId: input.locationId,
    trigger: trigger
      ? {
          id: platformId(),
          appId: trigger.appId,
          key: trigger.key,
          filters: trigger.filters,
        }
      : null,
    steps: input.steps.map(withIds),
    subscriptionCalls: [],
  }
}

/** Saves a new workflow and sends CREATED to its trigger's app. */
export async function createWorkflow(
  context: SandboxContext,
  input: WorkflowInput,
): Promise<Workflow> {
  const workflow = workflowFrom(input)
  sandboxWorkflows(context).workflows.set(workflow.id, workflow)
  await sendSubscription(context, workflow, 'CREATED')
  return workflow
}

/**
 * Replaces a workflow. The same trigger keeps its id and gets UPDATED;
 * another trigger means DELETED for the old one and CREATED for the new.
 */
export async function updateWorkflow(
  context: SandboxContext,
  old: Workflow,
  input: WorkflowInput,
): Promise<Workflow> {
  const workflow = workflowFrom(input, old.id)
  const sameTrigger =
    old.trigger !== null &&
    workflow.trigger !== null &&
    old.trigger.appId === workflow.trigger.appId &&
    old.trigger.key === workflow.trigger.key
  if (sameTrigger && old.trigger && workflow.trigger) {
    workflow.trigger.id = old.trigger.id
  } else {
    await sendSubscription(context, old, 'DELETED')
  }

  workflow.subscriptionCalls = old.subscriptionCalls
  sandboxWorkflows(context).workflows.set(workflow.id, workflow)
  await sendSubscription(context, workflow, sameTrigger ? 'UPDATED' : 'CREATED')
  return workflow
}

/** Deletes a workflow and sends DELETED; its `targetUrl` then returns 404. */
export async function deleteWorkflow(
  context: SandboxContext,
  workflow: Workflow,
): Promise<void> {
  sandboxWorkflows(context).workflows.delete(workflow.id)
  await sendSubscription(context, workflow, 'DELETED')
}

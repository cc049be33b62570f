import type { SandboxContext } from '../sandbox-context.js'
import { callApp } from './app-caller.js'
import { sandboxWorkflows } from './sandbox-workflows.js'
import type { CallRecord, Workflow } from './workflow-records.js'

export type SubscriptionEvent = 'CREATED' | 'UPDATED' | 'DELETED'

/** Builds the platform's `targetUrl` for one workflow's trigger. */
export function targetUrl(context: SandboxContext, workflow: Workflow): string {
  const trigger = workflow.trigger
  return `${context.baseUrl()}/workflows-marketplace/triggers/execute/${trigger?.id}/${workflow.id}`
}

/**
 * Tells the trigger's app that a workflow using the trigger was saved or
 * deleted, with the platform's subscription body, and records the call.
 * Returns `undefined` when the workflow has no app trigger.
 */
export async function sendSubscription(
  context: SandboxContext,
  workflow: Workflow,
  eventType: SubscriptionEvent,
): Promise<CallRecord | undefined> {
  const records = sandboxWorkflows(context)
  const trigger = workflow.trigger
  const app = trigger ? records.apps.get(trigger.appId) : undefined
  const definition = app?.triggers.find((entry) => entry.key === trigger?.key)
  if (!trigger || !app || !definition) {
    return undefined
  }

  const location = context.state.locations.get(workflow.locationId)
  const body = {
    triggerData: {
      id: trigger.id,
      key: trigger.key,
      filters: trigger.filters.map((filter, index) => ({
        id: `filter_${index + 1}`,
        title: filter.title ?? filter.field,
        type: filter.type ?? 'string',
        ...filter,
      })),
      eventType,
      targetUrl: targetUrl(context, workflow),
    },
    meta: { key: trigger.key, version: '2.4' },
    extras: {
      locationId: workflow.locationId,
      workflowId: workflow.id,
      companyId: location?.companyId,
    },
  }
  const call = await callApp(
    {
      url: definition.subscriptionUrl,
      headers: app.headers,
      body,
      timeoutMs: records.behaviour.actionTimeoutMs,
    },
    context.clock,
  )
  workflow.subscriptionCalls.push(call)
  return call
}

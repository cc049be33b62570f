import type { SandboxContext } from '../sandbox-context.js'
import { html, type SafeHtml } from '../ui/html.js'
import { renderPage } from '../ui/layout.js'
import { sandboxWorkflows } from './sandbox-workflows.js'
import { defaultListUrl } from './workflow-app-loader.js'
import type {
  CallRecord,
  StepRecord,
  Workflow,
  WorkflowRun,
} from './workflow-records.js'

/** How many action steps the builder form offers. */
export const builderSteps = 3

function json(value: unknown): string {
  return JSON.stringify(value, null, 2)
}

function callView(call: CallRecord): SafeHtml {
  const status = call.response
    ? String(call.response.status)
    : (call.error ?? 'no reply')
  return html`<details><summary>POST ${call.url} → ${status}</summary>
<p>Request</p><pre>${json({ headers: call.headers, body: call.body })}</pre>
<p>Response</p><pre>${json(call.response?.body ?? call.error)}</pre></details>`
}

function stepView(step: StepRecord): SafeHtml {
  return html`<li><strong>${step.appId} · ${step.actionKey}</strong>: ${step.outcome}
${step.branch ? html` · branch <em>${step.branch.name}</em>` : ''}
${step.error ? html`<p class="error">${step.error}</p>` : ''}
${step.customVariables ? html`<p>Custom variables</p><pre>${json(step.customVariables)}</pre>` : ''}
${step.calls.map(callView)}</li>`
}

function runView(run: WorkflowRun): SafeHtml {
  return html`<li>Run ${run.id} for ${run.contactId ?? 'no contact'}: <strong>${run.status}</strong>
${run.triggerPayload ? html`<details><summary>Trigger payload</summary><pre>${json(run.triggerPayload)}</pre></details>` : ''}
<ol>${run.steps.map(stepView)}</ol></li>`
}

function workflowView(context: SandboxContext, workflow: Workflow): SafeHtml {
  const runs = sandboxWorkflows(context).runsOf(workflow.id).reverse()
  const contacts = context.state.contactsOf(workflow.locationId)
  const trigger = workflow.trigger
    ? `${workflow.trigger.appId} · ${workflow.trigger.key}`
    : 'manual'
  return html`<section class="card"><h3>${workflow.name}</h3>
<p>Sub-account ${workflow.locationId} · trigger ${trigger} · ${workflow.steps.length} step(s)</p>
${workflow.subscriptionCalls.length > 0 ? html`<p>Subscription calls</p>${workflow.subscriptionCalls.map(callView)}` : ''}
<form method="post" action="/ui/workflows/${workflow.id}/run">
<select name="contactId"><option value="">No contact</option>
${contacts.map((contact) => html`<option value="${contact.id}">${contact.contactName ?? contact.id}</option>`)}</select>
<button type="submit">Run</button></form>
<form method="post" action="/ui/workflows/${workflow.id}/delete"><button type="submit">Delete</button></form>
<ul>${runs.map(runView)}</ul></section>`
}

function builderForm(context: SandboxContext): SafeHtml {
  const records = sandboxWorkflows(context)
  const actions = [...records.apps.entries()].flatMap(([appId, app]) =>
    app.actions.map((action) => ({
      value: `${appId}:${action.key}`,
      label: `${action.name} (${action.key})`,
      action,
    })),
  )
  const triggers = [...records.apps.entries()].flatMap(([appId, app]) =>
    app.triggers.map((trigger) => ({
      value: `${appId}:${trigger.key}`,
      label: trigger.name,
    })),
  )
  const steps = Array.from({ length: builderSteps }, (_, index) => index + 1)
  return html`<form method="post" action="/ui/workflows" class="card">
<label>Name <input name="name" required value="Sandbox workflow"></label>
<label>Sub-account <select name="locationId">
${[...context.state.locations.values()].map((location) => html`<option value="${location.id}">${location.name}</option>`)}</select></label>
<label>Trigger <select name="trigger"><option value="">Manual</option>
${triggers.map((entry) => html`<option value="${entry.value}">${entry.label}</option>`)}</select></label>
${steps.map(
  (number) => html`<fieldset><legend>Step ${number}</legend>
<select name="action${number}"><option value="">None</option>
${actions.map((entry) => html`<option value="${entry.value}">${entry.label}</option>`)}</select>
<label>Field values, one <code>reference=value</code> a line; merge fields such as <code>{{contact.email}}</code> work
<textarea name="fields${number}" rows="3"></textarea></label></fieldset>`,
)}
<p>An action with branches ends the workflow: each branch is offered to it, with no further steps.</p>
<button type="submit">Save workflow</button></form>`
}

function loadForms(context: SandboxContext): SafeHtml {
  return html`${[...context.state.apps.values()].map(
    (
      app,
    ) => html`<form method="post" action="/ui/workflow-apps/load" class="card">
<input type="hidden" name="appId" value="${app.appId}">
<p>Load the actions and triggers of <strong>${app.name}</strong> from the app</p>
<label>List URL <input name="url" value="${defaultListUrl(context, app.appId) ?? ''}"></label>
<label>Secret header <input name="headerName" value="x-hoopkit-action-secret"></label>
<label>Its value (HOOPKIT_ACTION_SECRET) <input name="headerValue" type="password"></label>
<button type="submit">Load</button></form>`,
  )}`
}

/** Renders the Workflow Builder, where you compose, run and inspect workflows. */
export function renderWorkflowPage(
  context: SandboxContext,
  userId?: string,
  message?: string,
): string {
  const records = sandboxWorkflows(context)
  const apps = [...records.apps.entries()]
  const body = html`${message ? html`<p class="card">${message}</p>` : ''}
${loadForms(context)}
<p>Apps with workflow actions: ${apps.length === 0 ? 'none yet; load one above, or PUT /sandbox/api/workflow-apps/:appId' : apps.map(([appId, app]) => html`<code>${appId}</code> (${app.actions.length} actions, ${app.triggers.length} triggers) `)}</p>
<h2>New workflow</h2>${builderForm(context)}
<h2>Workflows</h2>${[...records.workflows.values()].map((workflow) => workflowView(context, workflow))}`
  return renderPage({ title: 'Workflows', body, ...(userId ? { userId } : {}) })
}

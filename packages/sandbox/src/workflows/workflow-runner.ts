import { randomUUID } from 'node:crypto'
import type { SandboxContext } from '../sandbox-context.js'
import { platformId } from '../state/sandbox-ids.js'
import { callApp, succeeded } from './app-caller.js'
import { resolveMergeFields } from './merge-fields.js'
import { type SandboxWorkflows, sandboxWorkflows } from './sandbox-workflows.js'
import type {
  CallRecord,
  StepRecord,
  Workflow,
  WorkflowAppAction,
  WorkflowRun,
  WorkflowStep,
} from './workflow-records.js'

type StepResult =
  | { kind: 'continue' }
  | { kind: 'stop' }
  | { kind: 'pause' }
  | { kind: 'branch'; steps: WorkflowStep[] }

type ListResult = 'done' | 'paused' | 'failed'

/**
 * Runs saved workflows for a contact, step by step, as the platform does.
 * It resolves merge fields and calls each action with the app's static
 * headers. It follows the branch that the reply names, and it waits at a
 * pause action until the app calls the resume endpoint.
 */
export class WorkflowRunner {
  readonly #context: SandboxContext
  readonly #records: SandboxWorkflows
  // Custom variables of each run's steps, by step id.
  readonly #outputs = new Map<string, Record<string, unknown>>()

  constructor(context: SandboxContext) {
    this.#context = context
    this.#records = sandboxWorkflows(context)
  }

  /** Starts a run and resolves when it completes, fails or pauses. */
  async start(
    workflow: Workflow,
    options: { contactId: string | null; triggerPayload?: unknown },
  ): Promise<WorkflowRun> {
    const run: WorkflowRun = {
      id: platformId(),
      workflowId: workflow.id,
      locationId: workflow.locationId,
      contactId: options.contactId,
      status: 'running',
      triggerPayload: options.triggerPayload ?? null,
      steps: [],
      startedAt: this.#now(),
      endedAt: null,
    }
    this.#records.runs.set(run.id, run)
    this.#outputs.set(run.id, {})
    await this.#finish(run, await this.#runSteps(run, workflow, workflow.steps))
    return run
  }

  /** Continues a paused run after its resume call. */
  async resume(runId: string): Promise<void> {
    const paused = this.#records.paused.get(runId)
    const workflow = this.#records.workflows.get(paused?.run.workflowId ?? '')
    if (!paused || !workflow) {
      return
    }
    this.#records.paused.delete(runId)
    const waiting = paused.run.steps.findLast(
      (step) => step.outcome === 'waiting',
    )
    if (waiting) {
      waiting.outcome = 'resumed'
    }
    paused.run.status = 'running'
    await this.#finish(
      paused.run,
      await this.#runSteps(paused.run, workflow, paused.remaining),
    )
  }

  async #finish(run: WorkflowRun, result: ListResult): Promise<void> {
    if (result === 'paused') {
      run.status = 'paused'
      return
    }
    run.status = result === 'done' ? 'completed' : 'failed'
    run.endedAt = this.#now()
    this.#outputs.delete(run.id)
  }

  async #runSteps(
    run: WorkflowRun,
    workflow: Workflow,
    steps: WorkflowStep[],
  ): Promise<ListResult> {
    for (const [index, step] of steps.entries()) {
      const result = await this.#runStep(run, workflow, step)
      if (result.kind === 'stop') {
        return 'failed'
      }
      if (result.kind === 'pause') {
        this.#records.paused.set(run.id, {
          run,
          remaining: steps.slice(index + 1),
        })
        return 'paused'
      }
      if (result.kind === 'branch') {
        // A step with branches ends its list: each branch is its own path.
        return this.#runSteps(run, workflow, result.steps)
      }
    }
    return 'done'
  }

  async #runStep(
    run: WorkflowRun,
    workflow: Workflow,
    step: WorkflowStep,
  ): Promise<StepResult> {
    const record: StepRecord = {
      stepId: step.id,
      appId: step.appId,
      actionKey: step.actionKey,
      outcome: 'failed',
      calls: [],
      customVariables: null,
      branch: null,
      error: null,
    }
    run.steps.push(record)

    const app = this.#records.apps.get(step.appId)
    const action = app?.actions.find((entry) => entry.key === step.actionKey)
    if (!app || !action) {
      record.error = `app ${step.appId} has no action ${step.actionKey}: configure the app's workflow actions first`
      return this.#failed(record)
    }

    const body = this.#requestBody(run, workflow, step, action)
    const reply = await this.#call(record, action, app.headers, body)
    if (!reply) {
      return this.#failed(record)
    }

    record.customVariables = reply
    const outputs = this.#outputs.get(run.id) ?? {}
    outputs[step.id] = reply
    if (action.pauseExecution) {
      record.outcome = 'waiting'
      return { kind: 'pause' }
    }
    if (step.branches.length > 0) {
      return this.#branch(record, step, reply)
    }
    record.outcome = 'succeeded'
    return { kind: 'continue' }
  }

  #requestBody(
    run: WorkflowRun,
    workflow: Workflow,
    step: WorkflowStep,
    action: WorkflowAppAction,
  ) {
    const contact = run.contactId
      ? (this.#context.state.contacts.get(run.contactId) ?? null)
      : null
    const data: Record<string, unknown> = resolveMergeFields(step.fields, {
      contact,
      locationId: run.locationId,
      trigger: run.triggerPayload,
      steps: this.#outputs.get(run.id) ?? {},
    })
    if (step.branches.length > 0) {
      data['branches'] = step.branches.map((branch) => ({
        id: branch.id,
        name: branch.name,
        fields: {},
      }))
    }
    const extras = {
      locationId: run.locationId,
      ...(run.contactId ? { contactId: run.contactId } : {}),
      workflowId: workflow.id,
    }
    return { data, extras, meta: { key: action.key, version: '1.0' } }
  }

  // Sends the call, retries it as the behaviour sets, and re-sends some
  // calls as a step re-run would. Returns the first successful reply body.
  async #call(
    record: StepRecord,
    action: WorkflowAppAction,
    headers: Record<string, string>,
    body: unknown,
  ): Promise<Record<string, unknown> | undefined> {
    const behaviour = this.#records.behaviour
    const attempts =
      behaviour.onActionFailure === 'retry' ? 1 + behaviour.actionRetries : 1
    const send = () =>
      callApp(
        {
          url: action.executionUrl,
          headers,
          body,
          timeoutMs: behaviour.actionTimeoutMs,
        },
        this.#context.clock,
      )

    let success: CallRecord | undefined
    for (let attempt = 0; attempt < attempts && !success; attempt += 1) {
      const call = await send()
      record.calls.push(call)
      success = succeeded(call) ? call : undefined
    }
    if (this.#shouldDuplicate()) {
      record.calls.push(await send())
    }

    if (!success) {
      const last = record.calls[attempts - 1]
      record.error =
        last?.error ??
        `expected a 2xx reply with a JSON object, got ${last?.response?.status} ${JSON.stringify(last?.response?.body)}`
      return undefined
    }
    return success.response?.body as Record<string, unknown>
  }

  #branch(
    record: StepRecord,
    step: WorkflowStep,
    reply: Record<string, unknown>,
  ): StepResult {
    const branch = step.branches.find((entry) => entry.id === reply['branchId'])
    if (!branch) {
      record.error = `expected a branchId of ${step.branches.map((entry) => entry.id).join(', ')}, got ${JSON.stringify(reply['branchId'] ?? null)}`
      return this.#failed(record)
    }
    record.outcome = 'succeeded'
    record.branch = { id: branch.id, name: branch.name }
    return { kind: 'branch', steps: branch.steps }
  }

  #failed(record: StepRecord): StepResult {
    if (this.#records.behaviour.onActionFailure === 'skip') {
      record.outcome = 'skipped'
      return { kind: 'continue' }
    }
    record.outcome = 'failed'
    return { kind: 'stop' }
  }

  #shouldDuplicate(): boolean {
    this.#records.actionCalls += 1
    const mode = this.#records.behaviour.duplicateActionCalls
    return (
      mode === 'all' || (mode === 'some' && this.#records.actionCalls % 2 === 0)
    )
  }

  #now(): string {
    return new Date(this.#context.clock.now()).toISOString()
  }
}

/** Gives a saved step and its branches the ids the platform would. */
export function withIds(step: {
  appId: string
  actionKey: string
  fields?: Record<string, unknown>
  branches?: { name: string; steps?: unknown[] }[]
}): WorkflowStep {
  return {
    id: platformId(),
    appId: step.appId,
    actionKey: step.actionKey,
    fields: step.fields ?? {},
    branches: (step.branches ?? []).map((branch) => ({
      id: randomUUID(),
      name: branch.name,
      steps: (branch.steps ?? []).map((inner) =>
        withIds(inner as Parameters<typeof withIds>[0]),
      ),
    })),
  }
}

const runners = new WeakMap<SandboxContext, WorkflowRunner>()

/** Returns the runner of one sandbox. */
export function workflowRunner(context: SandboxContext): WorkflowRunner {
  let runner = runners.get(context)
  if (runner === undefined) {
    runner = new WorkflowRunner(context)
    runners.set(context, runner)
  }
  return runner
}

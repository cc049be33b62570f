import type { SandboxContext } from '../sandbox-context.js'
import {
  defaultWorkflowBehaviour,
  type WorkflowBehaviour,
} from './workflow-behaviour.js'
import type {
  Workflow,
  WorkflowApp,
  WorkflowRun,
  WorkflowStep,
} from './workflow-records.js'

/** A paused run and the steps it continues with after the resume call. */
export interface PausedRun {
  run: WorkflowRun
  /** The steps after the paused one. */
  remaining: WorkflowStep[]
}

export type InjectedEndpoint = 'trigger' | 'resume'

/**
 * The sandbox's workflow records: each app's actions and triggers, the
 * saved workflows, their runs, and the runs that wait for a resume call.
 */
export class SandboxWorkflows {
  readonly behaviour: WorkflowBehaviour = { ...defaultWorkflowBehaviour }
  readonly apps = new Map<string, WorkflowApp>()
  readonly workflows = new Map<string, Workflow>()
  readonly runs = new Map<string, WorkflowRun>()
  readonly paused = new Map<string, PausedRun>()
  /** Counts action calls, so `duplicateActionCalls: 'some'` is repeatable. */
  actionCalls = 0
  readonly #failures = new Map<InjectedEndpoint, number[]>()

  runsOf(workflowId: string): WorkflowRun[] {
    return [...this.runs.values()].filter(
      (run) => run.workflowId === workflowId,
    )
  }

  /** Finds a saved workflow by the trigger id in its `targetUrl`. */
  workflowByTrigger(triggerId: string, workflowId: string) {
    const workflow = this.workflows.get(workflowId)
    return workflow?.trigger?.id === triggerId ? workflow : undefined
  }

  /**
   * Makes the next `count` calls to the trigger `targetUrl`s or to the
   * resume endpoint fail with `status`, to test the app's retries.
   */
  failNext(endpoint: InjectedEndpoint, count: number, status: number): void {
    this.#failures.set(
      endpoint,
      Array.from({ length: count }, () => status),
    )
  }

  takeInjectedFailure(endpoint: InjectedEndpoint): number | undefined {
    return this.#failures.get(endpoint)?.shift()
  }
}

const workflowsByContext = new WeakMap<SandboxContext, SandboxWorkflows>()

/** Returns the workflow records of one sandbox. */
export function sandboxWorkflows(context: SandboxContext): SandboxWorkflows {
  let workflows = workflowsByContext.get(context)
  if (workflows === undefined) {
    workflows = new SandboxWorkflows()
    workflowsByContext.set(context, workflows)
  }
  return workflows
}

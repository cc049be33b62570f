/**
 * The workflow behaviours that the platform's docs leave open. The
 * defaults are the stricter reading, and tests flip one at a time.
 */
export interface WorkflowBehaviour {
  /**
   * How long the runner waits for an action's reply, in platform ms. The
   * clock's time scale shortens it in real time.
   * @default 10000
   */
  actionTimeoutMs: number
  /**
   * The effect of a non-2xx reply or a timeout on the step: `fail` stops the
   * run, `skip` goes on with the next step, `retry` sends the same call
   * again up to `actionRetries` times and then fails.
   * @default 'fail'
   */
  onActionFailure: 'fail' | 'skip' | 'retry'
  /** @default 2 */
  actionRetries: number
  /**
   * Sends action calls a second time, as a step re-run would: `some` re-sends
   * every second call, `all` every call, `none` none.
   * @default 'some'
   */
  duplicateActionCalls: 'none' | 'some' | 'all'
  /**
   * Requires a location bearer token on trigger `targetUrl`s.
   * @default true
   */
  requireTriggerBearer: boolean
}

export const defaultWorkflowBehaviour: Readonly<WorkflowBehaviour> =
  Object.freeze({
    actionTimeoutMs: 10_000,
    onActionFailure: 'fail',
    actionRetries: 2,
    duplicateActionCalls: 'some',
    requireTriggerBearer: true,
  })

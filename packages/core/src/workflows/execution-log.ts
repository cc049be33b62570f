import type { Logger } from '../logging/logger.js'
import type { ActionCall } from './action-call-parser.js'
import type { ActionReply } from './action-reply.js'
import type { ActionRequestBody } from './action-request.js'
import type { ActionDefinition } from './define-action.js'

export type ExecutionOutcome =
  | 'succeeded'
  | 'failed'
  | 'timed_out'
  | 'paused'
  | 'duplicate'
  | 'rejected'

interface ExecutionEntry {
  action: ActionDefinition
  body: ActionRequestBody
  executionId: string
  started: number
}

/** Writes the one log entry of each action call. */
export class ExecutionLog {
  readonly logger: Logger

  constructor(logger: Logger) {
    this.logger = logger
  }

  executed(
    entry: ExecutionEntry,
    outcome: ExecutionOutcome,
    reply: ActionReply,
    now: number,
    error?: unknown,
  ): void {
    const fields = {
      actionKey: entry.action.key,
      executionId: entry.executionId,
      locationId: entry.body.extras.locationId,
      contactId: entry.body.extras.contactId,
      workflowId: entry.body.extras.workflowId,
      outcome,
      status: reply.status,
      durationMs: now - entry.started,
      ...(error === undefined ? {} : { err: error }),
    }
    this.#write(reply.status, fields, 'action executed')
  }

  /**
   * Logs a call that was rejected or failed before its handler ran, with
   * the ids its body carries.
   */
  rejected(call: ActionCall, reply: ActionReply, error?: unknown): void {
    const body = call.body as { extras?: Record<string, unknown> } | undefined
    const extras = typeof body?.extras === 'object' ? body.extras : {}
    const fields = {
      actionKey: call.actionKey,
      locationId: extras?.['locationId'],
      contactId: extras?.['contactId'],
      workflowId: extras?.['workflowId'],
      outcome: 'rejected' satisfies ExecutionOutcome,
      status: reply.status,
      code: (reply.body['error'] as { code?: string } | undefined)?.code,
    }
    if (error !== undefined) {
      this.logger.error({ ...fields, err: error }, 'action call failed')
      return
    }
    this.logger.warn(fields, 'action call rejected')
  }

  #write(status: number, fields: object, message: string): void {
    if (status >= 500) {
      this.logger.error(fields, message)
    } else if (status >= 400) {
      this.logger.warn(fields, message)
    } else {
      this.logger.info(fields, message)
    }
  }
}

import type { z } from 'zod'
import type { ErrorCode } from '../errors/error-codes.js'
import { HoopkitError } from '../errors/hoopkit-error.js'
import { isBranchChoice, isResumeLater } from './action-outcome.js'
import { offeredBranches } from './action-request.js'
import type { ActionDefinition } from './define-action.js'

/** The HTTP reply to one action call. The body is always a JSON object. */
export interface ActionReply {
  status: number
  body: Record<string, unknown>
}

/** Builds a JSON error reply: `{"error":{"code","message",…details}}`. */
export function errorReply(error: HoopkitError): ActionReply {
  return { status: error.status, body: { error: error.toJSON() } }
}

export function failure(
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): ActionReply {
  return errorReply(new HoopkitError(code, message, { details }))
}

/** Lists zod issues by field reference, as `{"message":["is required"]}`. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  for (const issue of error.issues) {
    const name = issue.path.join('.') || '(body)'
    errors[name] = [...(errors[name] ?? []), issue.message]
  }
  return errors
}

/** Turns whatever a handler threw into a JSON error reply. */
export function thrownReply(action: ActionDefinition, thrown: unknown) {
  if (thrown instanceof HoopkitError) {
    return errorReply(thrown)
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown)
  return errorReply(
    new HoopkitError(
      'ACTION_FAILED',
      `action ${action.key} failed: ${message}`,
      {
        cause: thrown,
      },
    ),
  )
}

/**
 * Turns a handler's result into the reply: nothing becomes `{}`, a branch
 * choice becomes `{"branchId":…}` with the id that the request offered
 * under that name, and an object is checked against the output schema.
 */
export function resultReply(
  action: ActionDefinition,
  data: Record<string, unknown>,
  result: unknown,
): ActionReply {
  if (result === undefined) {
    return { status: 200, body: {} }
  }
  if (isResumeLater(result)) {
    return failure(
      'ACTION_FAILED',
      `action ${action.key}: resumeLater() needs pauseExecution: true in ` +
        'the definition and Pause Execution on in the Marketplace',
    )
  }
  if (isBranchChoice(result)) {
    return branchReply(action, data, result.branch, result.output)
  }
  return outputReply(action, result)
}

function branchReply(
  action: ActionDefinition,
  data: Record<string, unknown>,
  branch: string,
  output: Record<string, unknown>,
): ActionReply {
  const offers = offeredBranches(data)
  const requested = branch.trim().toLowerCase()
  const offer = offers.find(
    (entry) =>
      entry.id === branch || entry.name.trim().toLowerCase() === requested,
  )
  if (!offer) {
    const names = offers.map((entry) => entry.name).join(', ') || 'none'
    return failure(
      'ACTION_FAILED',
      `action ${action.key}: handler chose branch ${JSON.stringify(branch)}, ` +
        `expected one of the offered branches: ${names}`,
    )
  }
  return { status: 200, body: { ...output, branchId: offer.id } }
}

function outputReply(action: ActionDefinition, result: unknown): ActionReply {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    return failure(
      'ACTION_FAILED',
      `action ${action.key}: expected the handler to return an object or ` +
        `nothing, got ${Array.isArray(result) ? 'an array' : typeof result}`,
    )
  }
  if (!action.output) {
    return { status: 200, body: result as Record<string, unknown> }
  }

  const parsed = action.output.safeParse(result)
  if (!parsed.success) {
    return failure(
      'ACTION_FAILED',
      `action ${action.key}: the handler's result does not match the ` +
        'output schema: fix the handler or the schema',
      { fieldErrors: fieldErrors(parsed.error) },
    )
  }
  return { status: 200, body: parsed.data as Record<string, unknown> }
}

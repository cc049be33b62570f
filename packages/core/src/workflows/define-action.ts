import { z } from 'zod'
import { HoopkitError } from '../errors/hoopkit-error.js'
import type { Logger } from '../logging/logger.js'
import type { ActionField } from './action-field.js'
import type { BranchChoice, ResumeLater } from './action-outcome.js'
import type {
  ActionExtras,
  ActionMeta,
  ActionRequestBody,
} from './action-request.js'
import type { DynamicSection } from './dynamic-section.js'

export type ActionFields = Record<string, ActionField>

/** The typed `data` that a handler receives, one property per field. */
export type ActionInput<TFields extends ActionFields> = {
  [K in keyof TFields]: z.output<TFields[K]['schema']>
}

/** The context that every handler receives besides its input. */
export interface ActionContext<TBranch extends string = string> {
  /** Stable across repeated deliveries of one execution. */
  readonly executionId: string
  readonly extras: ActionExtras
  readonly meta: ActionMeta
  /** Aborts when the deadline passes, unless the action pauses. */
  readonly signal: AbortSignal
  readonly logger: Logger
  /** Picks the branch on which the workflow continues. */
  branch(name: TBranch, output?: Record<string, unknown>): BranchChoice<TBranch>
  /** Tells a pause action's caller that the job completes elsewhere. */
  resumeLater(): ResumeLater
}

export type ActionHandlerResult<TOutput, TBranch extends string> =
  // biome-ignore lint/suspicious/noConfusingVoidType: handlers may return nothing.
  TOutput | BranchChoice<TBranch> | ResumeLater | undefined | void

export interface ActionDefinitionInput<
  TFields extends ActionFields,
  TOutput extends Record<string, unknown>,
  TBranch extends string,
> {
  /** The immutable key entered in the Marketplace; also `meta.key`. */
  key: string
  name: string
  description: string
  fields: TFields
  /** Branch names, as entered in the Marketplace. @default [] */
  branches?: readonly TBranch[]
  /** Checks the handler's result, which becomes the custom variables. */
  output?: z.ZodType<TOutput>
  /** The "Response Data" sample that names the custom variables. */
  responseSample?: TOutput
  /**
   * The Marketplace's "Pause Execution": hoopkit replies to the call at once, and
   * the workflow waits until the app calls the resume endpoint.
   * @default false
   */
  pauseExecution?: boolean
  /** Builds the inputs of the action's dynamic field. */
  dynamicFields?: (request: ActionRequestBody) => Promise<DynamicSection[]>
  handler: (
    input: ActionInput<TFields>,
    context: ActionContext<TBranch>,
  ) => Promise<ActionHandlerResult<TOutput, TBranch>>
}

export interface ActionDefinition<
  TFields extends ActionFields = ActionFields,
  TOutput extends Record<string, unknown> = Record<string, unknown>,
  TBranch extends string = string,
> extends Readonly<ActionDefinitionInput<TFields, TOutput, TBranch>> {
  readonly kind: 'action'
  readonly branches: readonly TBranch[]
  readonly pauseExecution: boolean
  /** Validates `data` against every field at once. */
  readonly inputSchema: z.ZodType<ActionInput<TFields>>
}

const keyPattern = /^[a-z][a-z0-9_-]{0,63}$/

/**
 * Defines a workflow action: its Marketplace fields, branches and response
 * sample, and the handler that runs it with typed input.
 *
 * @example
 * export const sendNote = defineAction({
 *   key: 'send_note',
 *   name: 'Send note',
 *   description: 'Adds a note to the contact.',
 *   fields: { message: field.textarea({ title: 'Message', required: true }) },
 *   handler: async ({ message }, { extras }) => ({ noted: message }),
 * })
 */
export function defineAction<
  TFields extends ActionFields,
  TOutput extends Record<string, unknown> = Record<string, unknown>,
  const TBranch extends string = string,
>(
  input: ActionDefinitionInput<TFields, TOutput, TBranch>,
): ActionDefinition<TFields, TOutput, TBranch> {
  assertKey('action', input.key)
  const shape = Object.fromEntries(
    Object.entries(input.fields).map(([name, entry]) => [name, entry.schema]),
  )

  return Object.freeze({
    ...input,
    kind: 'action' as const,
    branches: input.branches ?? [],
    pauseExecution: input.pauseExecution ?? false,
    // Unknown keys stay, because the platform adds `branches` and the values
    // of dynamic inputs to `data`.
    inputSchema: z.looseObject(shape) as unknown as z.ZodType<
      ActionInput<TFields>
    >,
  })
}

/** Checks an action or trigger key against the form the Marketplace keeps. */
export function assertKey(kind: 'action' | 'trigger', key: string): void {
  if (!keyPattern.test(key)) {
    throw new HoopkitError(
      'CONFIG_INVALID',
      `${kind} key: expected lower-case letters, digits, _ or - starting ` +
        `with a letter, got ${JSON.stringify(key)}`,
    )
  }
}

import type { z } from 'zod'
import type { FieldOption } from './action-field.js'
import type { ActionRequestBody } from './action-request.js'
import { assertKey } from './define-action.js'

/** A filter that workflow builders can set on the trigger. */
export interface TriggerFilterDefinition {
  /** The payload property the filter compares, as a dot path. */
  field: string
  title: string
  type: 'string' | 'select' | 'multiselect' | 'dynamic'
  options?: readonly FieldOption[]
}

export interface TriggerDefinitionInput<TPayload extends object> {
  /** The immutable key entered in the Marketplace. */
  key: string
  name: string
  description: string
  /** Checks each payload before it is fired. */
  payload: z.ZodType<TPayload>
  /** The sample payload, which drives filters and custom variables. */
  sample: TPayload
  /** @default [] */
  filters?: readonly TriggerFilterDefinition[]
  /** Builds the trigger's dynamic filters: `{"filters":[…]}`. */
  dynamicFilters?: (
    request: ActionRequestBody,
  ) => Promise<TriggerFilterDefinition[]>
}

export interface TriggerDefinition<TPayload extends object = object>
  extends Readonly<TriggerDefinitionInput<TPayload>> {
  readonly kind: 'trigger'
  readonly filters: readonly TriggerFilterDefinition[]
}

/**
 * Defines a workflow trigger that the app fires with `TriggerFirer.fire`.
 *
 * @example
 * export const leadScoredHot = defineTrigger({
 *   key: 'lead_scored_hot',
 *   name: 'Lead scored hot',
 *   description: 'Starts when a lead scores 80 or more.',
 *   payload: z.object({ contactId: z.string(), score: z.number() }),
 *   sample: { contactId: 'abc123', score: 91 },
 * })
 */
export function defineTrigger<TPayload extends object>(
  input: TriggerDefinitionInput<TPayload>,
): TriggerDefinition<TPayload> {
  assertKey('trigger', input.key)
  return Object.freeze({
    ...input,
    kind: 'trigger' as const,
    filters: input.filters ?? [],
  })
}

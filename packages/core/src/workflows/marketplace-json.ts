import type { ActionField } from './action-field.js'
import { actionFieldTypes, isRemoteOptions } from './action-field.js'
import type { ActionDefinition } from './define-action.js'
import type { TriggerDefinition } from './define-trigger.js'
import { defaultActionSecretHeader } from './secret-header.js'

export interface MarketplaceJsonOptions {
  // biome-ignore lint/suspicious/noExplicitAny: each action has its own types.
  actions: readonly ActionDefinition<any, any, any>[]
  // biome-ignore lint/suspicious/noExplicitAny: each trigger has its own payload.
  triggers?: readonly TriggerDefinition<any>[]
  /** The origin at which the platform reaches the app. */
  publicUrl: string
  /** The prefix under which `workflowPlugin` is mounted. @default '' */
  prefix?: string
  /** @default 'x-hoopkit-action-secret' */
  secretHeader?: string
}

const filterTypes = {
  string: 'String',
  select: 'Select',
  multiselect: 'Multiple Select',
  dynamic: 'Dynamic',
} as const

/**
 * Describes what to enter in the Marketplace for each action and trigger:
 * URLs, the static header, fields with their types and references,
 * branches and samples. The secret itself is left as a placeholder.
 */
export function workflowMarketplaceJson(options: MarketplaceJsonOptions) {
  const base = `${options.publicUrl.replace(/\/$/, '')}${options.prefix ?? ''}`
  const staticHeaders = [
    {
      name: options.secretHeader ?? defaultActionSecretHeader,
      value: '<HOOPKIT_ACTION_SECRET>',
    },
  ]

  return {
    actions: options.actions.map((action) => ({
      key: action.key,
      name: action.name,
      description: action.description,
      method: 'POST',
      executionUrl: `${base}/actions/${action.key}`,
      staticHeaders,
      pauseExecution: action.pauseExecution,
      fields: Object.entries(action.fields as Record<string, ActionField>).map(
        ([reference, entry]) => fieldJson(base, action.key, reference, entry),
      ),
      ...(action.dynamicFields
        ? { dynamicFieldsUrl: `${base}/actions/${action.key}/dynamic-fields` }
        : {}),
      branches: action.branches.map((name: string) => ({ name })),
      responseSample: action.responseSample ?? {},
    })),
    triggers: (options.triggers ?? []).map((trigger) => ({
      key: trigger.key,
      name: trigger.name,
      description: trigger.description,
      subscriptionUrl: `${base}/triggers/${trigger.key}/subscription`,
      staticHeaders,
      samplePayload: trigger.sample,
      filters: trigger.filters.map((filter) => ({
        field: filter.field,
        title: filter.title,
        type: filterTypes[filter.type],
        ...(filter.options ? { options: filter.options } : {}),
      })),
      ...(trigger.dynamicFilters
        ? {
            dynamicFiltersUrl: `${base}/triggers/${trigger.key}/dynamic-filters`,
          }
        : {}),
    })),
  }
}

function fieldJson(
  base: string,
  actionKey: string,
  reference: string,
  entry: ActionField,
) {
  const options = entry.options
  return {
    title: entry.title,
    reference,
    type: actionFieldTypes[entry.type],
    required: entry.required,
    ...(entry.defaultValue === undefined
      ? {}
      : { default: entry.defaultValue }),
    ...(entry.helpText ? { helpText: entry.helpText } : {}),
    ...(options && !isRemoteOptions(options) ? { options } : {}),
    ...(isRemoteOptions(options)
      ? { optionsUrl: `${base}/actions/${actionKey}/options/${reference}` }
      : {}),
    ...(entry.validation
      ? {
          validation: {
            pattern: entry.validation.pattern.source,
            message: entry.validation.message,
          },
        }
      : {}),
    ...(entry.altersDynamicField ? { altersDynamicField: true } : {}),
  }
}

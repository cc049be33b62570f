import { z } from 'zod'
import type {
  ActionField,
  ActionFieldType,
  ChoiceFieldOptions,
  FieldOptions,
  TextFieldOptions,
} from './action-field.js'

/** A field's schema: optional unless the field is required. */
type FieldSchema<TValue, TRequired> = z.ZodType<
  TRequired extends true ? TValue : TValue | undefined
>

type RequiredFlag<TRequired extends boolean> = { required?: TRequired }

// Merge fields that resolve to nothing arrive as an empty string or null,
// so those count as a missing value.
function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === ''
}

const typeError = {
  error: (issue: { input?: unknown }) =>
    isBlank(issue.input) ? 'is required' : undefined,
}

function build<TValue, TRequired extends boolean>(
  type: ActionFieldType,
  base: z.ZodType<TValue>,
  options: FieldOptions<TValue> &
    Partial<Pick<ActionField, 'options' | 'validation'>>,
  convert: (value: unknown) => unknown = (value) => value,
): ActionField<FieldSchema<TValue, TRequired>> {
  const inner = options.required ? base : base.optional()
  const converted = z.preprocess(
    (value) => (isBlank(value) ? options.defaultValue : convert(value)),
    inner,
  )
  // Zod skips an optional schema for a missing key, so only a default
  // fills one in.
  const withDefault =
    options.defaultValue === undefined
      ? converted
      : converted.default(options.defaultValue as never)
  const schema = withDefault as unknown as FieldSchema<TValue, TRequired>

  return Object.freeze({
    ...options,
    type,
    required: !!options.required,
    schema,
  })
}

function toNumber(value: unknown): unknown {
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value)
    return Number.isNaN(number) ? value : number
  }
  return value
}

function toBoolean(value: unknown): unknown {
  if (value === 'true') {
    return true
  }
  if (value === 'false') {
    return false
  }
  return value
}

// A multiple choice can arrive as one value when a merge field filled it.
function toList(value: unknown): unknown {
  return typeof value === 'string' ? [value] : value
}

function text(options: TextFieldOptions): z.ZodType<string> {
  const base = z.string(typeError)
  const rule = options.validation
  return rule ? base.regex(rule.pattern, { message: rule.message }) : base
}

function choice(options: ChoiceFieldOptions<unknown>): z.ZodType<string> {
  const list = options.options
  if (!Array.isArray(list) || list.length === 0) {
    return z.string(typeError)
  }
  const values = (list as { value: string }[]).map((option) => option.value)
  return z.string(typeError).refine((value) => values.includes(value), {
    message: `must be one of ${values.join(', ')}`,
  })
}

/**
 * Builds the inputs of an action. Each builder takes the field's title and
 * options and fixes the type that the handler receives for it.
 *
 * @example
 * fields: {
 *   note: field.textarea({ title: 'Note', required: true }),
 *   score: field.numerical({ title: 'Score' }),
 * }
 */
export const field = {
  string: <R extends boolean = false>(
    options: TextFieldOptions & RequiredFlag<R>,
  ) => build<string, R>('string', text(options), options),
  textarea: <R extends boolean = false>(
    options: TextFieldOptions & RequiredFlag<R>,
  ) => build<string, R>('textarea', text(options), options),
  richText: <R extends boolean = false>(
    options: TextFieldOptions & RequiredFlag<R>,
  ) => build<string, R>('richText', text(options), options),
  hidden: <R extends boolean = false>(
    options: TextFieldOptions & RequiredFlag<R>,
  ) => build<string, R>('hidden', text(options), options),
  numerical: <R extends boolean = false>(
    options: FieldOptions<number> & RequiredFlag<R>,
  ) => build<number, R>('numerical', z.number(typeError), options, toNumber),
  toggle: <R extends boolean = false>(
    options: FieldOptions<boolean> & RequiredFlag<R>,
  ) => build<boolean, R>('toggle', z.boolean(typeError), options, toBoolean),
  select: <R extends boolean = false>(
    options: ChoiceFieldOptions<string> & RequiredFlag<R>,
  ) => build<string, R>('select', choice(options), options),
  radio: <R extends boolean = false>(
    options: ChoiceFieldOptions<string> & RequiredFlag<R>,
  ) => build<string, R>('radio', choice(options), options),
  multiselect: <R extends boolean = false>(
    options: ChoiceFieldOptions<string[]> & RequiredFlag<R>,
  ) =>
    build<string[], R>(
      'multiselect',
      z.array(choice(options), typeError),
      options,
      toList,
    ),
  checkbox: <R extends boolean = false>(
    options: ChoiceFieldOptions<string[]> & RequiredFlag<R>,
  ) =>
    build<string[], R>(
      'checkbox',
      z.array(choice(options), typeError),
      options,
      toList,
    ),
  attachment: <R extends boolean = false>(
    options: FieldOptions<string[]> & RequiredFlag<R>,
  ) =>
    build<string[], R>(
      'attachment',
      z.array(z.string(), typeError),
      options,
      toList,
    ),
  /** The one dynamic field of an action; its inputs come from `dynamicFields`. */
  dynamic: <R extends boolean = false>(
    options: FieldOptions<Record<string, unknown>> & RequiredFlag<R>,
  ) =>
    build<Record<string, unknown>, R>(
      'dynamic',
      z.record(z.string(), z.unknown(), typeError),
      options,
    ),
}

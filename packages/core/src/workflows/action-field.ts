import type { z } from 'zod'

/** The field types that the Marketplace offers for an action's inputs. */
export const actionFieldTypes = {
  string: 'String',
  numerical: 'Numerical',
  textarea: 'Textarea',
  select: 'Select',
  multiselect: 'Multiple Select',
  radio: 'Radio',
  toggle: 'Toggle',
  checkbox: 'Checkbox',
  attachment: 'Attachment',
  richText: 'Rich Text Editor',
  hidden: 'Hidden',
  dynamic: 'Dynamic',
} as const

export type ActionFieldType = keyof typeof actionFieldTypes

/** One choice of a select, multiselect, radio or checkbox field. */
export interface FieldOption {
  label: string
  value: string
}

/** A field whose options come from the app's options endpoint. */
export interface RemoteOptions {
  /** Returns the options; the app serves them at the field's options URL. */
  load: (query: Record<string, string>) => Promise<readonly FieldOption[]>
}

/** The validation rule that the Marketplace shows next to a field. */
export interface FieldValidation {
  pattern: RegExp
  message: string
}

/** One input of an action. The property name in `fields` is its reference. */
export interface ActionField<TSchema extends z.ZodType = z.ZodType> {
  readonly type: ActionFieldType
  readonly title: string
  readonly required: boolean
  readonly defaultValue?: unknown
  readonly helpText?: string
  readonly options?: readonly FieldOption[] | RemoteOptions
  readonly validation?: FieldValidation
  /** The field's value changes the dynamic field's inputs. */
  readonly altersDynamicField?: boolean
  /** Checks and converts the value the platform sends in `data`. */
  readonly schema: TSchema
}

export interface FieldOptions<TValue> {
  title: string
  /** @default false */
  required?: boolean
  defaultValue?: TValue
  helpText?: string
  /** @default false */
  altersDynamicField?: boolean
}

export interface ChoiceFieldOptions<TValue> extends FieldOptions<TValue> {
  options: readonly FieldOption[] | RemoteOptions
}

export interface TextFieldOptions extends FieldOptions<string> {
  validation?: FieldValidation
}

/** Tells whether the options come from an endpoint rather than constants. */
export function isRemoteOptions(
  options: ActionField['options'],
): options is RemoteOptions {
  return options !== undefined && 'load' in options
}

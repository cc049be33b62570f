import { type ActionExtras, HoopkitError } from '@hoopkit/core'

/** Returns the contact of the execution, or fails for contactless workflows. */
export function requireContact(
  actionKey: string,
  extras: ActionExtras,
): string {
  if (!extras.contactId) {
    throw new HoopkitError(
      'ACTION_INPUT_INVALID',
      `action ${actionKey}: expected extras.contactId, got none: use the ` +
        'action in a workflow that starts with a contact',
      { details: { fieldErrors: { 'extras.contactId': ['is required'] } } },
    )
  }
  return extras.contactId
}

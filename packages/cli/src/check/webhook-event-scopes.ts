/**
 * The scope each family of webhook events needs, by event-name prefix. The
 * platform only lets an app turn on an event when it has that scope.
 * NOTE: this covers the common families only, so an event outside them is
 * not checked.
 */
const scopeByEventPrefix: [prefix: string, scope: string][] = [
  ['Contact', 'contacts.readonly'],
  ['Note', 'contacts.readonly'],
  ['Task', 'contacts.readonly'],
  ['Opportunity', 'opportunities.readonly'],
  ['Appointment', 'calendars/events.readonly'],
  ['InboundMessage', 'conversations/message.readonly'],
  ['OutboundMessage', 'conversations/message.readonly'],
  ['Location', 'locations.readonly'],
  ['User', 'users.readonly'],
]

/** The scope that turning on `event` needs, or `null` when none is known. */
export function scopeForEvent(event: string): string | null {
  const match = scopeByEventPrefix.find(([prefix]) => event.startsWith(prefix))
  return match?.[1] ?? null
}

import type { SandboxContext } from '../sandbox-context.js'
import { platformId } from '../state/sandbox-ids.js'

/** A note on a contact, as the notes endpoints return it. */
export interface ContactNote {
  id: string
  contactId: string
  body: string
  userId: string | null
  title: string | null
  color: string | null
  pinned: boolean
  dateAdded: string
}

/** A custom field of a location. */
export interface CustomFieldRecord {
  id: string
  locationId: string
  name: string
  fieldKey: string
  placeholder: string
  dataType: string
  position: number
  model: 'contact' | 'opportunity'
  picklistOptions: string[]
}

/**
 * The records that only the API routes keep: notes, custom fields and
 * contact businesses. One set per sandbox.
 */
export class ApiRecords {
  readonly notes = new Map<string, ContactNote>()
  readonly customFields = new Map<string, CustomFieldRecord>()
  /** The business of each contact that has one. */
  readonly businessOf = new Map<string, string>()

  notesOf(contactId: string): ContactNote[] {
    return [...this.notes.values()].filter(
      (note) => note.contactId === contactId,
    )
  }

  customFieldsOf(locationId: string): CustomFieldRecord[] {
    return [...this.customFields.values()].filter(
      (field) => field.locationId === locationId,
    )
  }
}

const records = new WeakMap<SandboxContext, ApiRecords>()

/** Returns the sandbox's API records, seeded with two custom fields per location. */
export function apiRecords(context: SandboxContext): ApiRecords {
  let found = records.get(context)
  if (!found) {
    found = new ApiRecords()
    seedCustomFields(context, found)
    records.set(context, found)
  }
  return found
}

function seedCustomFields(context: SandboxContext, target: ApiRecords): void {
  for (const location of context.state.locations.values()) {
    const fields: Omit<CustomFieldRecord, 'id' | 'locationId'>[] = [
      {
        name: 'Lead score',
        fieldKey: 'contact.lead_score',
        placeholder: '0-100',
        dataType: 'NUMERICAL',
        position: 0,
        model: 'contact',
        picklistOptions: [],
      },
      {
        name: 'Preferred contact time',
        fieldKey: 'contact.preferred_contact_time',
        placeholder: '',
        dataType: 'SINGLE_OPTIONS',
        position: 50,
        model: 'contact',
        picklistOptions: ['Morning', 'Afternoon', 'Evening'],
      },
    ]
    for (const field of fields) {
      const id = platformId()
      target.customFields.set(id, { ...field, id, locationId: location.id })
    }
  }
}

import {
  EmptyState,
  ErrorNotice,
  Loading,
  type RouterOutputs,
  useApiClient,
  useCall,
} from '@hoopkit/ui'
import { type FormEvent, useEffect, useState } from 'react'

type ContactView = RouterOutputs['contacts']['get']['contact']

interface Draft {
  firstName: string
  lastName: string
  email: string
  phone: string
  tags: string
}

type SaveState =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved' }
  | { status: 'error'; error: unknown }

function draftOf(contact: ContactView): Draft {
  return {
    firstName: contact.firstName ?? '',
    lastName: contact.lastName ?? '',
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    tags: contact.tags.join(', '),
  }
}

/** Renders the sidebar widget, which shows and edits the contact in view. */
export function ContactWidget(props: {
  locationId: string | null
  contactId: string | null
}) {
  if (props.locationId === null || props.contactId === null) {
    return (
      <EmptyState title="No contact in view">
        Open a contact in this sub-account to see its details here.
      </EmptyState>
    )
  }
  return (
    <ContactDetails locationId={props.locationId} contactId={props.contactId} />
  )
}

function ContactDetails(props: { locationId: string; contactId: string }) {
  const client = useApiClient()
  const input = { locationId: props.locationId, contactId: props.contactId }
  const loaded = useCall(
    (api) => api.contacts.get.query(input),
    `${props.locationId}/${props.contactId}`,
  )
  const [contact, setContact] = useState<ContactView | null>(null)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [save, setSave] = useState<SaveState>({ status: 'idle' })

  useEffect(() => {
    if (loaded.status === 'success') {
      setContact(loaded.data.contact)
      setDraft(draftOf(loaded.data.contact))
    }
  }, [loaded])

  if (loaded.status === 'pending') {
    return <Loading label="Loading contact…" />
  }
  if (loaded.status === 'error') {
    return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
  }
  if (contact === null || draft === null) {
    return <Loading label="Loading contact…" />
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setSave({ status: 'saving' })
    try {
      const saved = await client.contacts.update.mutate({
        ...input,
        changes: {
          firstName: draft.firstName,
          lastName: draft.lastName,
          email: draft.email,
          phone: draft.phone,
          tags: draft.tags
            .split(',')
            .map((tag) => tag.trim())
            .filter(Boolean),
        },
      })
      setContact(saved.contact)
      setSave({ status: 'saved' })
    } catch (error) {
      setSave({ status: 'error', error })
    }
  }
  const field = (name: keyof Draft, label: string, type = 'text') => (
    <label>
      {label}
      <input
        type={type}
        name={name}
        value={draft[name]}
        onChange={(event) => {
          setDraft({ ...draft, [name]: event.target.value })
          setSave({ status: 'idle' })
        }}
      />
    </label>
  )

  return (
    <form className="widget" onSubmit={submit} data-contact-id={contact.id}>
      <h2 data-testid="contact-name">{contact.name}</h2>
      <p className="muted">
        {contact.tags.length > 0
          ? contact.tags.map((tag) => (
              <span className="hk-tag" key={tag}>
                {tag}
              </span>
            ))
          : 'No tags'}
      </p>
      <fieldset disabled={save.status === 'saving'}>
        {field('firstName', 'First name')}
        {field('lastName', 'Last name')}
        {field('email', 'Email', 'email')}
        {field('phone', 'Phone', 'tel')}
        {field('tags', 'Tags, separated by commas')}
        <button type="submit">
          {save.status === 'saving' ? 'Saving…' : 'Save'}
        </button>
      </fieldset>
      {save.status === 'saved' && <p role="status">Saved.</p>}
      {save.status === 'error' && <ErrorNotice error={save.error} />}
    </form>
  )
}

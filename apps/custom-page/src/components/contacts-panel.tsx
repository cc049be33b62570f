import {
  EmptyState,
  ErrorNotice,
  Loading,
  type RouterOutputs,
  useTRPC,
} from '@hoopkit/ui'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'

const pageLimit = 20

/** Renders the sub-account's contacts, with search and paging. */
export function ContactsPanel(props: { locationId: string }) {
  const trpc = useTRPC()
  const [search, setSearch] = useState('')
  const query = useDebounced(search.trim(), 300)
  const [page, setPage] = useState(1)

  useEffect(() => {
    setPage(1)
  }, [query])

  const contacts = useQuery({
    ...trpc.contacts.list.queryOptions<RouterOutputs['contacts']['list']>({
      locationId: props.locationId,
      query: query || undefined,
      page,
      pageLimit,
    }),
    placeholderData: keepPreviousData,
  })

  return (
    <section className="hk-card" aria-labelledby="contacts-title">
      <div className="panel-header">
        <h2 id="contacts-title">Contacts</h2>
        <input
          type="search"
          placeholder="Search by name, email or phone"
          aria-label="Search contacts"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>

      {contacts.isPending && <Loading label="Loading contacts…" />}
      {contacts.isError && (
        <ErrorNotice
          error={contacts.error}
          onRetry={() => contacts.refetch()}
        />
      )}
      {contacts.data && contacts.data.contacts.length === 0 && (
        <EmptyState
          title={query ? `No contacts match “${query}”` : 'No contacts yet'}
        >
          {query
            ? 'Try another name, email or phone number.'
            : 'Contacts added in this sub-account appear here.'}
        </EmptyState>
      )}
      {contacts.data && contacts.data.contacts.length > 0 && (
        <>
          <table className="contacts" data-testid="contacts-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Phone</th>
                <th>Tags</th>
              </tr>
            </thead>
            <tbody>
              {contacts.data.contacts.map((contact) => (
                <tr key={contact.id} data-contact-id={contact.id}>
                  <td>{contact.name}</td>
                  <td>{contact.email ?? '—'}</td>
                  <td>{contact.phone ?? '—'}</td>
                  <td>
                    {contact.tags.map((tag) => (
                      <span className="hk-tag" key={tag}>
                        {tag}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button
              type="button"
              className="hk-secondary"
              disabled={page === 1}
              onClick={() => setPage(page - 1)}
            >
              Previous
            </button>
            <span className="muted">
              Page {page} of{' '}
              {Math.max(1, Math.ceil(contacts.data.total / pageLimit))}
              {' · '}
              {contacts.data.total} contacts
            </span>
            <button
              type="button"
              className="hk-secondary"
              disabled={page * pageLimit >= contacts.data.total}
              onClick={() => setPage(page + 1)}
            >
              Next
            </button>
          </div>
        </>
      )}
    </section>
  )
}

function useDebounced(value: string, delayMs: number): string {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs)
    return () => clearTimeout(timer)
  }, [value, delayMs])
  return debounced
}

import { EmptyState, ErrorNotice, Loading, useCall } from '@hoopkit/ui'

/** Renders the sub-account's contact count and the app's health. */
export function DashboardWidget(props: { locationId: string | null }) {
  if (props.locationId === null) {
    return (
      <EmptyState title="No sub-account in view">
        Open a sub-account’s dashboard to see Lead Notes here.
      </EmptyState>
    )
  }
  return <DashboardSummary locationId={props.locationId} />
}

function DashboardSummary(props: { locationId: string }) {
  const input = { locationId: props.locationId }
  const summary = useCall(async (api) => {
    const [contacts, health] = await Promise.all([
      api.contacts.list.query({ ...input, pageLimit: 1 }),
      api.health.get.query(input),
    ])
    return { total: contacts.total, health }
  }, props.locationId)

  if (summary.status === 'pending') {
    return <Loading label="Loading Lead Notes…" />
  }
  if (summary.status === 'error') {
    return <ErrorNotice error={summary.error} onRetry={summary.reload} />
  }

  const { total, health } = summary.data
  const connected = health.token.state !== 'missing'
  return (
    <div className="widget summary">
      <h2>Lead Notes</h2>
      <p>
        <strong data-testid="contact-total">{total}</strong> contacts in this
        sub-account
      </p>
      <p className={connected ? 'ok' : 'warn'}>
        {connected
          ? 'Connected to HoopAI'
          : 'Not connected: reinstall the app from the marketplace'}
      </p>
      <p className="muted">
        Last webhook:{' '}
        {health.lastWebhook
          ? new Date(health.lastWebhook.receivedAt).toLocaleString()
          : 'none yet'}
      </p>
    </div>
  )
}

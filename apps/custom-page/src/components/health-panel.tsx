import { ErrorNotice, Loading, type RouterOutputs, useTRPC } from '@hoopkit/ui'
import { useQuery } from '@tanstack/react-query'

const tokenLabels = {
  valid: 'Valid',
  expiring: 'Expires within the hour (refreshes on next use)',
  expired: 'Expired (refreshes on next use)',
  missing: 'Missing: reinstall the app',
} as const

/** Renders the install's token, webhook and rate-limit state. */
export function HealthPanel(props: { locationId: string }) {
  const trpc = useTRPC()
  const health = useQuery({
    ...trpc.health.get.queryOptions<RouterOutputs['health']['get']>({
      locationId: props.locationId,
    }),
    refetchInterval: 30_000,
  })

  if (health.isPending) {
    return <Loading label="Checking the install…" />
  }
  if (health.isError) {
    return <ErrorNotice error={health.error} onRetry={() => health.refetch()} />
  }

  const { install, token, lastWebhook, rateLimit } = health.data
  return (
    <section className="hk-card" aria-labelledby="health-title">
      <h2 id="health-title">Install health</h2>
      <dl className="facts">
        <dt>Install</dt>
        <dd>
          {install
            ? `${install.status} (${install.userType === 'Company' ? 'agency' : 'sub-account'} install)`
            : 'Not installed'}
        </dd>
        <dt>Access token</dt>
        <dd data-testid="token-state">
          {tokenLabels[token.state]}
          {token.expiresAt !== null &&
            ` · expires ${formatTime(token.expiresAt)}`}
        </dd>
        <dt>Last refresh error</dt>
        <dd>{token.lastRefreshError ?? 'None'}</dd>
        <dt>Last webhook</dt>
        <dd>
          {lastWebhook
            ? `${lastWebhook.type}, ${formatTime(lastWebhook.receivedAt)} (${lastWebhook.status})`
            : 'None received yet'}
        </dd>
        <dt>Rate-limit headroom</dt>
        <dd>
          {rateLimit
            ? `${rateLimit.burstRemaining ?? '?'} of ${rateLimit.burstMax ?? '?'} per burst window, ` +
              `${rateLimit.dailyRemaining ?? '?'} of ${rateLimit.dailyMax ?? '?'} today`
            : 'No API call made yet'}
        </dd>
      </dl>
      {install?.scopes && install.scopes.length > 0 && (
        <p className="muted">Granted scopes: {install.scopes.join(', ')}</p>
      )}
    </section>
  )
}

function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString()
}

import { ErrorNotice, Loading, type RouterOutputs, useTRPC } from '@hoopkit/ui'
import { useQuery } from '@tanstack/react-query'

const statusLabels = {
  pending: 'Pending',
  charged: 'Charged',
  rejected: 'Not charged',
  refunded: 'Refunded',
} as const

/** Renders the sub-account's plan, trial and latest usage charges. */
export function BillingPanel(props: { locationId: string }) {
  const trpc = useTRPC()
  const billing = useQuery(
    trpc.billing.summary.queryOptions<RouterOutputs['billing']['summary']>({
      locationId: props.locationId,
    }),
  )

  if (billing.isPending) {
    return <Loading label="Loading the plan and charges…" />
  }
  if (billing.isError) {
    return (
      <ErrorNotice error={billing.error} onRetry={() => billing.refetch()} />
    )
  }

  const { planId, onTrial, trialDays, charges, chargedUnits } = billing.data
  return (
    <section className="hk-card" aria-labelledby="billing-title">
      <h2 id="billing-title">Plan and charges</h2>
      <dl className="facts">
        <dt>Plan</dt>
        <dd data-testid="billing-plan">{planId ?? 'No plan yet'}</dd>
        <dt>Trial</dt>
        <dd>{onTrial ? `On a ${trialDays ?? '?'}-day trial` : 'No trial'}</dd>
        <dt>Units charged</dt>
        <dd>{chargedUnits}</dd>
      </dl>
      {charges.length === 0 ? (
        <p className="muted">No usage charge yet.</p>
      ) : (
        <table data-testid="billing-charges">
          <thead>
            <tr>
              <th>When</th>
              <th>What</th>
              <th>Units</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {charges.map((charge) => (
              <tr key={charge.eventId}>
                <td>{new Date(charge.createdAt).toLocaleString()}</td>
                <td>{charge.description}</td>
                <td>{charge.units}</td>
                <td>{statusLabels[charge.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

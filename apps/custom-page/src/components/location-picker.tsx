import {
  EmptyState,
  ErrorNotice,
  Loading,
  type RouterOutputs,
  useTRPC,
} from '@hoopkit/ui'
import { useQuery } from '@tanstack/react-query'

/**
 * Renders the agency view's list of sub-accounts where the app is
 * installed, so an agency user can open one of them.
 */
export function LocationPicker(props: {
  onPick: (locationId: string) => void
}) {
  const trpc = useTRPC()
  const installs = useQuery(
    trpc.installs.list.queryOptions<RouterOutputs['installs']['list']>(),
  )

  if (installs.isPending) {
    return <Loading label="Loading sub-accounts…" />
  }
  if (installs.isError) {
    return (
      <ErrorNotice error={installs.error} onRetry={() => installs.refetch()} />
    )
  }

  const locations = installs.data.filter(
    (install) => install.locationId !== null && install.status === 'active',
  )
  return (
    <section className="hk-card">
      <strong>Open this page inside a sub-account</strong>
      <p className="muted">
        You are in the agency view. Pick a sub-account to see its contacts,
        install health and settings.
      </p>
      {locations.length === 0 ? (
        <EmptyState title="No sub-account has the app yet">
          Install the app on a sub-account from the marketplace.
        </EmptyState>
      ) : (
        <ul className="locations">
          {locations.map((install) => (
            <li key={install.resourceId}>
              <button
                type="button"
                className="hk-secondary"
                onClick={() => props.onPick(install.locationId ?? '')}
              >
                {install.locationName ?? install.locationId}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

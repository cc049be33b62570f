import type { ReactNode } from 'react'
import type { SessionContext } from '../session/session-client.js'
import { describeError } from './error-message.js'
import { useSession } from './session-provider.js'

/** Renders a placeholder while data loads. */
export function Loading(props: { label: string }) {
  return (
    <div className="hk-status" role="status" aria-live="polite">
      <span className="hk-spinner" aria-hidden="true" />
      {props.label}
    </div>
  )
}

/** Renders the view of a list or record with nothing to show. */
export function EmptyState(props: { title: string; children?: ReactNode }) {
  return (
    <div className="hk-empty">
      <strong>{props.title}</strong>
      {props.children}
    </div>
  )
}

/** Renders an error in user words, with its detail and a retry button. */
export function ErrorNotice(props: { error: unknown; onRetry?: () => void }) {
  const message = describeError(props.error)
  return (
    <div className="hk-error" role="alert">
      <strong>{message.title}</strong>
      <p>{message.detail}</p>
      {props.onRetry && (
        <button type="button" onClick={props.onRetry}>
          Try again
        </button>
      )}
    </div>
  )
}

/**
 * Renders its children once the SSO session is ready, and a loading or
 * error view until then.
 */
export function SessionGate(props: {
  children: (context: SessionContext) => ReactNode
}) {
  const session = useSession()
  if (session.status === 'loading') {
    return <Loading label="Connecting to HoopAI…" />
  }
  if (session.status === 'error') {
    return <ErrorNotice error={session.error} onRetry={session.retry} />
  }
  return <>{props.children(session.context)}</>
}

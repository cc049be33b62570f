import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react'
import { type ApiClient, createApiClient } from '../session/api-client.js'
import {
  SessionClient,
  type SessionContext,
} from '../session/session-client.js'
import { getUserContext } from '../sso/get-user-context.js'

/** The state of the SSO session, as the page renders it. */
export type SessionState =
  | { status: 'loading' }
  | { status: 'ready'; context: SessionContext }
  | { status: 'error'; error: Error; retry: () => void }

interface SessionValue {
  state: SessionState
  session: SessionClient
  client: ApiClient
}

const SessionValueContext = createContext<SessionValue | null>(null)

export interface SessionProviderProps {
  children: ReactNode
  /**
   * Returns the encrypted SSO payload.
   * @default the REQUEST_USER_DATA handshake with the parent frame
   */
  getPayload?: () => Promise<string>
  /** The backend's origin. @default '' (the page's own origin) */
  baseUrl?: string
}

/**
 * Runs the SSO exchange and provides the session and the plain tRPC
 * client. Widgets use it alone to stay small, and `HoopkitProvider` adds
 * TanStack Query on top of it.
 */
export function SessionProvider(props: SessionProviderProps) {
  const { baseUrl, getPayload } = props
  const session = useMemo(
    () =>
      new SessionClient({
        baseUrl,
        getPayload:
          getPayload ?? (async () => (await getUserContext()).payload),
      }),
    [baseUrl, getPayload],
  )
  const client = useMemo(
    () => createApiClient({ session, baseUrl }),
    [session, baseUrl],
  )
  const state = useSessionState(session)
  const value = useMemo(
    () => ({ state, session, client }),
    [state, session, client],
  )

  return (
    <SessionValueContext.Provider value={value}>
      {props.children}
    </SessionValueContext.Provider>
  )
}

function useSessionValue(): SessionValue {
  const value = useContext(SessionValueContext)
  if (value === null) {
    throw new Error(
      'hoopkit ui: expected a SessionProvider or HoopkitProvider above ' +
        'this component, got none: wrap the page in one',
    )
  }
  return value
}

/** Returns the SSO session state of the nearest provider. */
export function useSession(): SessionState {
  return useSessionValue().state
}

/** Returns the plain tRPC client, which sends the session as a bearer token. */
export function useApiClient(): ApiClient {
  return useSessionValue().client
}

/** Returns the session holder, for code that drops or renews the token. */
export function useSessionClient(): SessionClient {
  return useSessionValue().session
}

function useSessionState(session: SessionClient): SessionState {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const retry = useCallback(() => setAttempt((value) => value + 1), [])

  useEffect(() => {
    let active = true
    setState({ status: 'loading' })
    if (attempt > 0) {
      session.invalidate()
    }
    session.context().then(
      (context) => active && setState({ status: 'ready', context }),
      (error: Error) => active && setState({ status: 'error', error, retry }),
    )
    return () => {
      active = false
    }
  }, [session, attempt, retry])

  return state
}

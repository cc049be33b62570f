import { useCallback, useEffect, useState } from 'react'
import type { ApiClient } from '../session/api-client.js'
import { useApiClient } from './session-provider.js'

/** The state of one call made with `useCall`. */
export type CallState<T> =
  | { status: 'pending'; reload: () => void }
  | { status: 'success'; data: T; reload: () => void }
  | { status: 'error'; error: unknown; reload: () => void }

/**
 * Runs a tRPC call when `key` changes and keeps its state, for widgets
 * that use the plain client without TanStack Query.
 *
 * @example
 * const contact = useCall((client) => client.contacts.get.query(input), key)
 */
export function useCall<T>(
  call: (client: ApiClient) => Promise<T>,
  key: string,
): CallState<T> {
  const client = useApiClient()
  const [attempt, setAttempt] = useState(0)
  const reload = useCallback(() => setAttempt((value) => value + 1), [])
  const [state, setState] = useState<CallState<T>>({
    status: 'pending',
    reload,
  })

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the call's inputs, so a new closure alone does not rerun it.
  useEffect(() => {
    let active = true
    setState({ status: 'pending', reload })
    call(client).then(
      (data) => active && setState({ status: 'success', data, reload }),
      (error: unknown) =>
        active && setState({ status: 'error', error, reload }),
    )
    return () => {
      active = false
    }
  }, [client, key, attempt, reload])

  return state
}

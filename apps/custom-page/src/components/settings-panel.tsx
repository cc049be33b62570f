import type { AppSettings } from '@hoopkit/api'
import { ErrorNotice, Loading, type RouterOutputs, useTRPC } from '@hoopkit/ui'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useEffect, useState } from 'react'

/** Renders the app's settings for the sub-account. Only admins may save them. */
export function SettingsPanel(props: { locationId: string; canEdit: boolean }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const input = { locationId: props.locationId }
  const settings = useQuery(
    trpc.settings.get.queryOptions<RouterOutputs['settings']['get']>(input),
  )
  const [draft, setDraft] = useState<AppSettings | null>(null)
  const save = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: (saved: RouterOutputs['settings']['update']) => {
        queryClient.setQueryData(trpc.settings.get.queryKey(input), saved)
      },
    }),
  )

  useEffect(() => {
    if (settings.data) {
      setDraft(settings.data.values)
    }
  }, [settings.data])

  if (settings.isPending || draft === null) {
    return settings.isError ? (
      <ErrorNotice error={settings.error} onRetry={() => settings.refetch()} />
    ) : (
      <Loading label="Loading settings…" />
    )
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate({
      locationId: props.locationId,
      expectedVersion: settings.data?.version ?? 0,
      values: draft,
    })
  }
  const change = (changes: Partial<AppSettings>) => {
    setDraft({ ...draft, ...changes })
    save.reset()
  }

  return (
    <form className="hk-card settings" onSubmit={submit}>
      <h2>Settings</h2>
      {!props.canEdit && (
        <p className="muted">
          Only admins of this sub-account can change these.
        </p>
      )}
      <fieldset disabled={!props.canEdit || save.isPending}>
        <label>
          Lead score that makes a hot lead (0 to 100)
          <input
            type="number"
            min={0}
            max={100}
            value={draft.scoreThreshold}
            onChange={(event) =>
              change({ scoreThreshold: Number(event.target.value) })
            }
          />
        </label>
        <label>
          Tag added to hot leads (empty for none)
          <input
            value={draft.hotLeadTag}
            maxLength={40}
            onChange={(event) => change({ hotLeadTag: event.target.value })}
          />
        </label>
        <label>
          Note added to hot leads
          <textarea
            rows={3}
            maxLength={500}
            value={draft.noteTemplate}
            onChange={(event) => change({ noteTemplate: event.target.value })}
          />
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={draft.notifyOnHotLead}
            onChange={(event) =>
              change({ notifyOnHotLead: event.target.checked })
            }
          />
          Notify the assigned user about hot leads
        </label>
        <button type="submit">{save.isPending ? 'Saving…' : 'Save'}</button>
      </fieldset>
      {save.isSuccess && <p role="status">Saved.</p>}
      {save.isError && (
        <ErrorNotice
          error={save.error}
          onRetry={() => {
            save.reset()
            settings.refetch()
          }}
        />
      )}
    </form>
  )
}

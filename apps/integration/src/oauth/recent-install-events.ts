import type { InstallSummary } from '@hoopkit/core'
import type { Services } from '../services.js'

/** One webhook received for an install, as the onboarding page lists it. */
export interface RecentInstallEvent {
  type: string
  /** Epoch ms. */
  receivedAt: number
  /** The sub-account that the event is about, `null` for agency events. */
  locationId: string | null
}

const maxEvents = 10

/**
 * Lists the latest webhooks of an install, newest first: those of the
 * installed resource and, for a bulk install, those of each sub-account,
 * such as the INSTALL that the platform sends per sub-account.
 */
export async function findRecentEvents(
  services: Services,
  install: InstallSummary,
): Promise<RecentInstallEvent[]> {
  const resourceIds = [
    install.resourceId,
    ...install.locations.map((location) => location.locationId),
  ]
  const lists = await Promise.all(
    [...new Set(resourceIds)].map((id) =>
      services.webhooks.inbox.recent(id, maxEvents),
    ),
  )

  // `recent` of an agency id returns only its events without a location,
  // so no event is in two lists.
  return lists
    .flat()
    .map((event) => ({
      type: event.type,
      receivedAt: Number(event.received_at),
      locationId: event.location_id,
    }))
    .sort((first, second) => second.receivedAt - first.receivedAt)
    .slice(0, maxEvents)
}

import { isHoopkitError } from '../errors/hoopkit-error.js'

/** One POST that the app sends to the platform on behalf of a sub-account. */
export interface LocationPost {
  locationId: string
  /** The sub-account's agency, so a location token can be minted. */
  companyId?: string
  /** An absolute URL, or a path below the platform's API URL. */
  url: string
  body: unknown
}

/** The platform's reply, whatever its status. */
export interface LocationPostReply {
  status: number
  body: unknown
}

/**
 * Sends POSTs with the sub-account's bearer token. The backend backs it
 * with the rate-limited API client, so resume calls and trigger events
 * share the sub-account's rate-limit bucket with every other call.
 */
export interface LocationPoster {
  post(request: LocationPost): Promise<LocationPostReply>
}

/** The part of `ApiClient` that `apiLocationPoster` uses. */
export interface WorkflowsApiSource {
  location(
    locationId: string,
    options?: { companyId?: string },
  ): {
    workflows: {
      post(urlOrPath: string, body: Record<string, unknown>): Promise<unknown>
    }
  }
}

/**
 * Backs a `LocationPoster` with the rate-limited API client, which turns a
 * non-2xx reply into a `HoopkitError` that carries the status.
 */
export function apiLocationPoster(client: WorkflowsApiSource): LocationPoster {
  return {
    async post({ locationId, companyId, url, body }) {
      try {
        const scope = client.location(
          locationId,
          companyId ? { companyId } : {},
        )
        const workflows = scope.workflows
        const reply = await workflows.post(url, body as Record<string, unknown>)
        return { status: 200, body: reply }
      } catch (error) {
        const status = isHoopkitError(error)
          ? error.details['status']
          : undefined
        if (typeof status === 'number' && isHoopkitError(error)) {
          return { status, body: error.toJSON() }
        }
        throw error
      }
    },
  }
}

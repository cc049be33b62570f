/** One POST that the app sends to the platform on behalf of a sub-account. */
export interface LocationPost {
  locationId: string
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

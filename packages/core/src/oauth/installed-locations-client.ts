import { z } from 'zod'
import { oauthApiVersion } from './location-token-client.js'
import {
  defaultOauthTimeoutMs,
  type OauthClientConfig,
} from './oauth-client-config.js'
import { classifyOauthFailure, type OauthFailure } from './oauth-failure.js'
import { sendOauthRequest } from './oauth-http.js'

const installedLocationsSchema = z.object({
  locations: z.array(
    z.object({
      _id: z.string().min(1),
      name: z.string().optional(),
      isInstalled: z.boolean().optional(),
    }),
  ),
  count: z.number().optional(),
})

type LocationRow = z.infer<typeof installedLocationsSchema>['locations'][number]

type PageResult =
  | { ok: true; rows: LocationRow[]; count: number | undefined }
  | { ok: false; failure: OauthFailure }

/** The page limit that ends a listing whose `count` is wrong. */
const maxPages = 100

/** One location of an agency, as `/oauth/installedLocations` lists it. */
export interface InstalledLocation {
  locationId: string
  name: string | null
}

export interface ListInstalledLocationsRequest {
  companyToken: string
  companyId: string
  appId: string
  /** @default 100 */
  pageSize?: number
}

export type InstalledLocationsResult =
  | { ok: true; locations: InstalledLocation[] }
  | { ok: false; failure: OauthFailure }

/**
 * Calls `GET {api}/oauth/installedLocations` with `isInstalled=true`, page
 * by page, to find the locations an agency chose in a bulk install.
 */
export class InstalledLocationsClient {
  readonly #config: Readonly<OauthClientConfig>

  constructor(config: OauthClientConfig) {
    this.#config = Object.freeze({ ...config })
  }

  async list(
    request: ListInstalledLocationsRequest,
  ): Promise<InstalledLocationsResult> {
    const pageSize = request.pageSize ?? 100
    const locations: InstalledLocation[] = []
    let seen = 0

    // NOTE: the platform documents no maximum `limit`, so a page may be
    // shorter than requested. An empty page or `count` ends the list.
    for (let pageNumber = 0; pageNumber < maxPages; pageNumber += 1) {
      const page = await this.#fetchPage(request, seen, pageSize)
      if (!page.ok) {
        return page
      }

      seen += page.rows.length
      locations.push(...installedOnly(page.rows))
      const done =
        page.rows.length === 0 ||
        (page.count === undefined
          ? page.rows.length < pageSize
          : seen >= page.count)
      if (done) {
        break
      }
    }
    return { ok: true, locations }
  }

  async #fetchPage(
    request: ListInstalledLocationsRequest,
    skip: number,
    limit: number,
  ): Promise<PageResult> {
    const url = new URL('/oauth/installedLocations', this.#config.apiUrl)
    url.search = new URLSearchParams({
      companyId: request.companyId,
      appId: request.appId,
      isInstalled: 'true',
      skip: String(skip),
      limit: String(limit),
    }).toString()

    const result = await sendOauthRequest({
      url,
      method: 'GET',
      headers: {
        Authorization: `Bearer ${request.companyToken}`,
        Version: oauthApiVersion,
      },
      timeoutMs: this.#config.timeoutMs ?? defaultOauthTimeoutMs,
    })
    if (!result.ok) {
      const message = `installed locations request failed: ${result.reason}`
      return {
        ok: false,
        failure: { kind: 'unavailable', status: null, message },
      }
    }
    if (result.status < 200 || result.status >= 300) {
      return {
        ok: false,
        failure: classifyOauthFailure(result.status, result.body),
      }
    }

    const parsed = installedLocationsSchema.safeParse(result.body)
    if (!parsed.success) {
      const message =
        'installed locations reply is invalid: expected locations[]'
      return {
        ok: false,
        failure: { kind: 'unavailable', status: result.status, message },
      }
    }
    return { ok: true, rows: parsed.data.locations, count: parsed.data.count }
  }
}

function installedOnly(rows: LocationRow[]): InstalledLocation[] {
  return rows
    .filter((row) => row.isInstalled !== false)
    .map((row) => ({ locationId: row._id, name: row.name ?? null }))
}

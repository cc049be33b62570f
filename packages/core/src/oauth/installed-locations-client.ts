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

    for (let skip = 0; ; skip += pageSize) {
      const page = await this.#fetchPage(request, skip, pageSize)
      if (!page.ok) {
        return page
      }
      locations.push(...page.locations)
      if (page.locations.length < pageSize) {
        return { ok: true, locations }
      }
    }
  }

  async #fetchPage(
    request: ListInstalledLocationsRequest,
    skip: number,
    limit: number,
  ): Promise<InstalledLocationsResult> {
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
    return {
      ok: true,
      locations: parsed.data.locations
        .filter((location) => location.isInstalled !== false)
        .map((location) => ({
          locationId: location._id,
          name: location.name ?? null,
        })),
    }
  }
}

import {
  defaultOauthTimeoutMs,
  type OauthClientConfig,
} from './oauth-client-config.js'
import { sendOauthRequest } from './oauth-http.js'
import {
  parseTokenReply,
  type TokenEndpointResult,
} from './token-endpoint-client.js'

/** The API version that the location token endpoints require. */
export const oauthApiVersion = '2021-07-28'

export interface MintLocationTokenRequest {
  /** The agency's access token, sent as the bearer. */
  companyToken: string
  companyId: string
  locationId: string
}

/**
 * Calls `POST {api}/oauth/locationToken`, which turns a Company token into
 * a token for one of the agency's locations. The caller checks that the
 * reply names the requested location before storing it.
 */
export class LocationTokenClient {
  readonly #config: Readonly<OauthClientConfig>

  constructor(config: OauthClientConfig) {
    this.#config = Object.freeze({ ...config })
  }

  async mint(request: MintLocationTokenRequest): Promise<TokenEndpointResult> {
    const result = await sendOauthRequest({
      url: new URL('/oauth/locationToken', this.#config.apiUrl),
      method: 'POST',
      headers: {
        Authorization: `Bearer ${request.companyToken}`,
        Version: oauthApiVersion,
      },
      form: { companyId: request.companyId, locationId: request.locationId },
      timeoutMs: this.#config.timeoutMs ?? defaultOauthTimeoutMs,
    })
    if (!result.ok) {
      const message = `location token request failed: ${result.reason}`
      return {
        ok: false,
        failure: { kind: 'unavailable', status: null, message },
      }
    }
    return parseTokenReply(result.status, result.body)
  }
}

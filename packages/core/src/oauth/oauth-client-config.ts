import type { UserType } from '../db/install-tables.js'

/** The settings with which one app reaches the platform's OAuth endpoints. */
export interface OauthClientConfig {
  /** `<24-hex appId>-<suffix>`, as the developer portal shows it. */
  clientId: string
  clientSecret: string
  /** The API origin, such as `https://services.leadconnectorhq.com`. */
  apiUrl: string
  /** Sent as `redirect_uri` with the code exchange when set. */
  redirectUri?: string
  /** Sent as `user_type` with the code exchange when set. */
  userType?: UserType
  /**
   * How long one request may take, in milliseconds.
   * @default 10000
   */
  timeoutMs?: number
}

export const defaultOauthTimeoutMs = 10_000

/** Returns the app id: the part of the client id before the first `-`. */
export function appIdFromClientId(clientId: string): string {
  const [appId] = clientId.split('-')
  return appId ?? clientId
}

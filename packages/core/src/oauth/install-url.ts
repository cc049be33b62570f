import { defaultMarketplaceUrl } from '../config/hoopkit-config.js'
import { HoopkitError } from '../errors/hoopkit-error.js'

export interface InstallUrlOptions {
  clientId: string
  /** Byte for byte the redirect URI registered for the app. */
  redirectUri: string
  scopes: readonly string[]
  /** Sent as `version_id`, which current apps need on the `/v2` path. */
  versionId?: string
  /** @default 'https://marketplace.gohighlevel.com' */
  marketplaceUrl?: string
}

/**
 * Builds the consent URL that starts an install. Scopes are joined with
 * `%20`, because the platform rejects `%2B` between scopes, and the
 * redirect URI is encoded exactly once so it still matches the registered
 * one after a single decode.
 *
 * @example
 * buildInstallUrl({
 *   clientId: '65f0c0ffee0000000000beef-lt2x9k3f',
 *   redirectUri: 'https://app.example.test/oauth/callback',
 *   scopes: ['contacts.readonly', 'contacts.write'],
 * })
 */
export function buildInstallUrl(options: InstallUrlOptions): string {
  if (options.scopes.length === 0) {
    throw new HoopkitError(
      'CONFIG_INVALID',
      'install url: expected at least one scope, got none: list the ' +
        "app's scopes in hoopkit.app.ts",
    )
  }

  const base = new URL(
    '/v2/oauth/chooselocation',
    options.marketplaceUrl ?? defaultMarketplaceUrl,
  )
  const parameters = [
    ['response_type', 'code'],
    ['client_id', options.clientId],
    ['redirect_uri', options.redirectUri],
  ].map(([name, value]) => `${name}=${encodeURIComponent(value ?? '')}`)

  const scope = options.scopes.map(encodeURIComponent).join('%20')
  parameters.push(`scope=${scope}`)
  if (options.versionId) {
    parameters.push(`version_id=${encodeURIComponent(options.versionId)}`)
  }
  return `${base.origin}${base.pathname}?${parameters.join('&')}`
}

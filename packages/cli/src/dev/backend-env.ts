import { join } from 'node:path'
import type { RegisteredApp } from '@hoopkit/sandbox'

export interface BackendEnvOptions {
  /** The environment `hoopkit dev` was started with. */
  base: Record<string, string | undefined>
  app: RegisteredApp
  sandboxUrl: string
  /** The sandbox's stand-in for the platform's app UI origin. */
  platformAppOrigin: string
  backendHost: string
  backendPort: number
  dataDir: string
  /** The values of `.hoopkit/dev.env`. */
  devEnv: Record<string, string>
  webhookPublicKeyPem: string
}

/**
 * Builds the backend's environment for a dev run: the app's credentials
 * from the sandbox registration, and the sandbox as the platform's API,
 * marketplace and app UI host, so no request leaves the machine.
 */
export function backendEnvironment(
  options: BackendEnvOptions,
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(options.base)) {
    if (value !== undefined) {
      env[name] = value
    }
  }

  const { app } = options
  const publicUrl = `http://${options.backendHost}:${options.backendPort}`
  return {
    ...env,
    ...options.devEnv,
    NODE_ENV: 'development',
    HOST: options.backendHost,
    PORT: String(options.backendPort),
    PUBLIC_URL: publicUrl,
    HOOPAI_CLIENT_ID: app.clientId,
    HOOPAI_CLIENT_SECRET: app.clientSecret,
    HOOPAI_APP_VERSION_ID: app.versionId,
    HOOPAI_API_URL: options.sandboxUrl,
    HOOPAI_MARKETPLACE_URL: options.sandboxUrl,
    HOOPAI_REDIRECT_URI: app.redirectUri,
    HOOPAI_WEBHOOK_PUBLIC_KEY: options.webhookPublicKeyPem,
    ...(app.ssoKey ? { HOOPAI_SSO_KEY: app.ssoKey } : {}),
    // The sandbox's app shell frames the custom page and the widgets, on
    // this origin or on the agency's white-label domain, which the backend
    // learns from INSTALL. A HOOPKIT_FRAME_ANCESTORS from `base` stays.
    HOOPAI_APP_ORIGINS: options.platformAppOrigin,
    HOOPKIT_DATA_DIR: options.dataDir,
    DATABASE_URL: `sqlite:${join(options.dataDir, 'app.db')}`,
  }
}

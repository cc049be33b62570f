import { randomBytes, randomUUID } from 'node:crypto'
import { type AppDeclaration, resolveAppUrl } from '@hoopkit/core'
import type { RegisteredApp } from '../state/entities.js'
import { hexId } from '../state/sandbox-ids.js'
import type { SandboxState } from '../state/sandbox-state.js'

export interface RegisterAppOptions {
  /** The origin at which the sandbox reaches the app, such as `http://127.0.0.1:4000`. */
  publicUrl: string
}

/**
 * Registers an app from its declaration, as the developer portal would:
 * it creates the client id, secret, version id and SSO shared secret, and
 * resolves the redirect URI and webhook URL against the app's public URL.
 *
 * An app of the same name that is already registered keeps its ids and
 * secrets and takes the declaration's new fields, so a restarted
 * `hoopkit dev` keeps working with the tokens it stored.
 */
export function registerApp(
  state: SandboxState,
  declaration: AppDeclaration,
  options: RegisterAppOptions,
): RegisteredApp {
  const declared = {
    name: declaration.name,
    description: declaration.description,
    distribution: declaration.distribution,
    redirectUri: resolveAppUrl(declaration.redirectUri, options.publicUrl),
    scopes: [...declaration.scopes],
    webhookUrl: resolveAppUrl(declaration.webhook.url, options.publicUrl),
    webhookEvents: [...declaration.webhook.events],
    customJsUrl: declaration.customJs
      ? resolveAppUrl(declaration.customJs, options.publicUrl)
      : null,
    createdAt: declaration.createdAt ?? null,
  }

  const existing = [...state.apps.values()].find(
    (app) => app.name === declaration.name,
  )
  const app: RegisteredApp = existing
    ? { ...existing, ...declared }
    : { ...newCredentials(), ...declared }
  state.apps.set(app.appId, app)
  return app
}

function newCredentials() {
  const appId = hexId()
  return {
    appId,
    versionId: hexId(),
    clientId: `${appId}-${clientIdSuffix()}`,
    clientSecret: randomUUID(),
    ssoKey: randomUUID(),
  }
}

/** Eight lower-case letters and digits, like the platform's suffixes. */
function clientIdSuffix(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  let suffix = ''
  for (const byte of randomBytes(8)) {
    suffix += alphabet[byte % alphabet.length]
  }
  return suffix
}

import type { PlatformBehaviour } from '../platform-behaviour.js'
import type { RegisteredApp } from '../state/entities.js'
import type { SandboxState } from '../state/sandbox-state.js'

/** The query of an authorize request, or the consent form's fields. */
export type AuthorizeParameters = Record<string, unknown>

export type AuthorizeCheck =
  | { ok: true; app: RegisteredApp; scopes: string[]; state: string | null }
  | { ok: false; reason: string }

export interface AuthorizeCheckOptions {
  state: SandboxState
  behaviour: PlatformBehaviour
  /** True on `/v2/oauth/chooselocation`, false on the legacy path. */
  v2: boolean
}

/**
 * Validates an authorize request as the marketplace does: a known client
 * id, the app's version on `/v2`, `response_type=code`, a redirect URI
 * byte-identical to the registered one and scopes that the app declared.
 * The reason of a failure is shown on the error page.
 */
export function checkAuthorizeRequest(
  parameters: AuthorizeParameters,
  options: AuthorizeCheckOptions,
): AuthorizeCheck {
  const clientId = text(parameters['client_id'])
  const app = options.state.appByClientId(clientId)
  if (app === undefined) {
    return fail(`No integration found with the id: ${clientId || '(empty)'}`)
  }

  const versionId = text(parameters['version_id'])
  if (options.v2 && options.behaviour.requireVersionId && versionId === '') {
    return fail(
      `No integration found with the id: ${clientId}. ` +
        'The version_id parameter is missing: add ' +
        `version_id=${app.versionId} to the authorize URL.`,
    )
  }
  if (versionId !== '' && versionId !== app.versionId) {
    return fail(
      `No integration found with the id: ${clientId} and version ` +
        `${versionId}: expected version_id=${app.versionId}.`,
    )
  }

  const responseType = text(parameters['response_type'])
  if (responseType !== 'code') {
    return fail(
      `Invalid response_type: expected code, got ${responseType || '(empty)'}.`,
    )
  }

  const redirectUri = text(parameters['redirect_uri'])
  if (redirectUri !== app.redirectUri) {
    return fail(
      `Invalid redirect_uri: expected ${app.redirectUri}, got ` +
        `${redirectUri || '(empty)'}. It must match the registered redirect ` +
        'URI byte for byte, encoded once in the authorize URL.',
    )
  }

  const scopes = checkScopes(text(parameters['scope']), app)
  if (typeof scopes === 'string') {
    return fail(scopes)
  }

  const state = text(parameters['state'])
  return { ok: true, app, scopes, state: state === '' ? null : state }
}

/** Returns the requested scopes, or the reason they are invalid. */
function checkScopes(scope: string, app: RegisteredApp): string[] | string {
  if (scope.trim() === '') {
    return 'Invalid scope: the scope parameter is missing.'
  }
  if (scope.includes('+')) {
    return (
      `Invalid scope: got a literal + in "${scope}". Separate scopes ` +
      'with %20 (or +), never %2B.'
    )
  }

  const scopes = scope.split(' ').filter((entry) => entry !== '')
  const unknown = scopes.filter((entry) => !app.scopes.includes(entry))
  if (unknown.length > 0) {
    return (
      `Invalid scope: ${unknown.join(', ')} not declared by the app ` +
      `(declared: ${app.scopes.join(' ')}).`
    )
  }
  return scopes
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function fail(reason: string): AuthorizeCheck {
  return { ok: false, reason }
}

import { defineApp } from '@hoopkit/core'
import type { PlatformBehaviour } from '../../src/platform-behaviour.js'
import { type Sandbox, startSandbox } from '../../src/sandbox-server.js'
import type { RegisteredApp } from '../../src/state/entities.js'
import { seedIds } from '../../src/state/seed-data.js'

export const testDeclaration = defineApp({
  name: 'Lead Notes Test',
  description: 'Keeps notes on contacts.',
  redirectUri: '/oauth/callback',
  scopes: [
    'contacts.readonly',
    'contacts.write',
    'oauth.readonly',
    'oauth.write',
  ],
  webhook: { url: '/webhooks', events: ['INSTALL', 'UNINSTALL'] },
})

export interface TestPlatform {
  sandbox: Sandbox
  app: RegisteredApp
  /** Every webhook body the sandbox queued, in order. */
  webhooks: Record<string, unknown>[]
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

/** Starts a sandbox with the test app registered at a made-up public URL. */
export async function startTestPlatform(
  behaviour: Partial<PlatformBehaviour> = {},
  timeScale = 1,
): Promise<TestPlatform> {
  const sandbox = await startSandbox({
    platformBehaviour: behaviour,
    timeScale,
  })
  const app = sandbox.registerApp(testDeclaration, {
    publicUrl: 'http://127.0.0.1:9/',
  })
  const webhooks: Record<string, unknown>[] = []
  sandbox.context.events.on('webhook', ({ body }) => webhooks.push(body))
  const close = () => sandbox.close()
  return { sandbox, app, webhooks, close, [Symbol.asyncDispose]: close }
}

/** The authorize query that a correct app sends. */
export function authorizeQuery(app: RegisteredApp): URLSearchParams {
  return new URLSearchParams({
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: app.redirectUri,
    scope: app.scopes.join(' '),
    version_id: app.versionId,
  })
}

export interface ConsentChoice {
  userId?: string
  target?: 'agency' | 'locations'
  locationIds?: string[]
  query?: URLSearchParams
  path?: string
}

/** Submits the consent form and returns the response, without following it. */
export async function submitConsent(
  platform: TestPlatform,
  choice: ConsentChoice = {},
): Promise<Response> {
  const form = new URLSearchParams(choice.query ?? authorizeQuery(platform.app))
  form.set('user_id', choice.userId ?? seedIds.harborUser)
  form.set('target', choice.target ?? 'locations')
  for (const id of choice.locationIds ?? [seedIds.harbor]) {
    form.append('location_id', id)
  }
  const path = choice.path ?? '/v2/oauth/chooselocation'
  return fetch(`${platform.sandbox.url}${path}`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  })
}

/** Gives consent and returns the authorization code from the redirect. */
export async function consentCode(
  platform: TestPlatform,
  choice: ConsentChoice = {},
): Promise<string> {
  const response = await submitConsent(platform, choice)
  const location = response.headers.get('location')
  if (response.status !== 302 || location === null) {
    throw new Error(`consent: expected a 302 redirect, got ${response.status}`)
  }
  return new URL(location).searchParams.get('code') ?? ''
}

/** Sends a form-encoded token request with the app's credentials. */
export async function tokenRequest(
  platform: TestPlatform,
  fields: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${platform.sandbox.url}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({
      client_id: platform.app.clientId,
      client_secret: platform.app.clientSecret,
      ...fields,
    }),
  })
  const body = (await response.json()) as Record<string, unknown>
  return { status: response.status, body }
}

/** Consents and exchanges the code, returning the token response body. */
export async function install(
  platform: TestPlatform,
  choice: ConsentChoice = {},
): Promise<Record<string, unknown>> {
  const code = await consentCode(platform, choice)
  const { status, body } = await tokenRequest(platform, {
    grant_type: 'authorization_code',
    code,
  })
  if (status !== 200) {
    throw new Error(`code exchange: expected 200, got ${status}`)
  }
  return body
}

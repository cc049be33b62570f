import Fastify from 'fastify'
import type { InstallRecord } from '../../src/oauth/install-store.js'
import { webhookPlugin } from '../../src/webhooks/fastify-webhook-plugin.js'
import {
  createWebhookRuntime,
  type WebhookRuntime,
} from '../../src/webhooks/webhook-runtime.js'
import { WebhookVerifier } from '../../src/webhooks/webhook-verifier.js'
import { openOauthFixture } from '../oauth/oauth-fixture.js'
import {
  type RecordedRequest,
  type StubReply,
  startPlatformStub,
} from '../support/platform-stub.js'
import { testKeys } from './webhook-harness.js'

export interface LifecycleHarnessOptions {
  /** Replies to `POST /oauth/token`, by code. */
  codes: Record<string, Record<string, unknown>>
  /** Lets a test fail a location token request; `undefined` mints. */
  failMint?: (locationId: string, attempt: number) => StubReply | undefined
}

/**
 * The platform as a stub, the app's OAuth services on a SQLite file, and a
 * Fastify server with `POST /webhooks` and `GET /oauth/callback`.
 */
export async function startLifecycleHarness(options: LifecycleHarnessOptions) {
  const keys = testKeys()
  const mintAttempts = new Map<string, number>()
  const platform = await startPlatformStub((request) => reply(request))

  function reply(request: RecordedRequest): StubReply {
    const form = new URLSearchParams(request.body)
    if (request.path === '/oauth/token') {
      const grant = options.codes[form.get('code') ?? '']
      return grant
        ? { status: 200, body: tokenBody(grant) }
        : { status: 400, body: { statusCode: 400, message: 'Invalid grant' } }
    }
    if (request.path === '/oauth/locationToken') {
      const locationId = form.get('locationId') ?? ''
      const attempt = (mintAttempts.get(locationId) ?? 0) + 1
      mintAttempts.set(locationId, attempt)
      const failure = options.failMint?.(locationId, attempt)
      if (failure !== undefined) {
        return failure
      }
      return {
        status: 200,
        body: tokenBody({
          userType: 'Location',
          companyId: form.get('companyId'),
          locationId,
          access_token: `AT_${locationId}`,
          refresh_token: `RT_${locationId}`,
        }),
      }
    }
    return { status: 404, body: { statusCode: 404, message: 'not found' } }
  }

  const fixture = await openOauthFixture({ apiUrl: platform.url })
  const uninstalled: { install: InstallRecord; argumentCount: number }[] = []
  const runtime: WebhookRuntime = createWebhookRuntime({
    database: fixture.database,
    verifier: new WebhookVerifier({ publicKeys: [keys.publicKey] }),
    oauth: fixture.oauth,
    worker: { pollIntervalMs: 20, retryBaseMs: 20, retryMaxMs: 50 },
    onUninstall: (...args: [InstallRecord]) => {
      uninstalled.push({ install: args[0], argumentCount: args.length })
    },
  })

  const server = Fastify()
  await server.register(webhookPlugin, { receiver: runtime.receiver })
  server.get('/oauth/callback', async (request, response) => {
    const { code } = request.query as { code?: string }
    const outcome = await fixture.oauth.callback.handle({ code })
    return response.code(outcome.ok ? 200 : outcome.error.status).send(outcome)
  })
  const url = await server.listen({ host: '127.0.0.1', port: 0 })
  runtime.start()

  const close = async () => {
    await runtime.stop()
    await server.close()
    await fixture.close()
    await platform[Symbol.asyncDispose]()
  }

  return {
    url,
    platform,
    runtime,
    oauth: fixture.oauth,
    database: fixture.database,
    uninstalled,
    close,
    [Symbol.asyncDispose]: close,
    postSigned: (fields: Record<string, unknown>) => {
      const body = JSON.stringify({
        timestamp: new Date().toISOString(),
        ...fields,
      })
      return fetch(`${url}/webhooks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-ghl-signature': keys.signEd25519(body),
        },
        body,
      })
    },
    /** Posts with the given signature header value, or none. */
    postWithSignature: (fields: Record<string, unknown>, signature?: string) =>
      fetch(`${url}/webhooks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(signature === undefined ? {} : { 'x-ghl-signature': signature }),
        },
        body: JSON.stringify({
          timestamp: new Date().toISOString(),
          ...fields,
        }),
      }),
    callback: (code: string) => fetch(`${url}/oauth/callback?code=${code}`),
    mintRequests: (locationId: string) =>
      platform
        .requestsTo('/oauth/locationToken')
        .filter(
          (request) =>
            new URLSearchParams(request.body).get('locationId') === locationId,
        ),
  }
}

function tokenBody(fields: Record<string, unknown>) {
  return {
    access_token: 'AT_company',
    token_type: 'Bearer',
    expires_in: 86_399,
    refresh_token: 'RT_company',
    scope: 'oauth.readonly oauth.write contacts.readonly',
    userId: 'usr_T1',
    ...fields,
  }
}

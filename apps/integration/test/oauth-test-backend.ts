import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:net'
import { Writable } from 'node:stream'
import type { AppDeclaration } from '@hoopkit/core'
import type {
  PlatformBehaviour,
  RegisteredApp,
  Sandbox,
} from '@hoopkit/sandbox'
import { seedIds, startSandbox } from '@hoopkit/sandbox'
import { readBillingRedirect, tempSqliteUrl } from '@hoopkit/testing'
import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import declaration from '../hoopkit.app.js'
import { readEnv } from '../src/env.js'
import { buildServer } from '../src/server.js'
import { createServices, type Services } from '../src/services.js'

/** The sandbox and a backend registered with it, both on 127.0.0.1. */
export interface OauthTestBackend {
  readonly sandbox: Sandbox
  readonly app: RegisteredApp
  readonly url: string
  readonly services: Services
  readonly server: FastifyInstance
  /** Every line the backend logged, at debug level and above. */
  readonly logLines: string[]
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

/** Returns a port that was free a moment ago. */
async function freePort(): Promise<number> {
  const probe = createServer()
  probe.listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as AddressInfo
  probe.close()
  await once(probe, 'close')
  return port
}

export interface OauthBackendOptions {
  /** Variables that replace the backend's test environment. */
  env?: Record<string, string>
  /** Settings of the sandbox for behaviours the platform leaves open. */
  platform?: Partial<PlatformBehaviour>
  /** Registers the app so that installs go through its Billing URL. */
  externalBilling?: boolean
}

/**
 * Returns the example app's declaration, or, unless `externalBilling` is
 * on, the same app without its creation day. The sandbox then counts it
 * as created after 2026-06-17, offers it no external billing and sends
 * INSTALL at once, which the tests of other features expect.
 */
export function testDeclaration(options: {
  externalBilling?: boolean
}): AppDeclaration {
  if (options.externalBilling === true) {
    return declaration
  }
  const { createdAt: _createdAt, ...undated } = declaration
  return undated
}

export async function startOauthBackend(
  options: OauthBackendOptions = {},
): Promise<OauthTestBackend> {
  const sandbox = await startSandbox({
    ...(options.platform ? { platformBehaviour: options.platform } : {}),
  })
  const port = await freePort()
  const publicUrl = `http://127.0.0.1:${port}`
  const app = sandbox.registerApp(testDeclaration(options), { publicUrl })

  const logLines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk))
      done()
    },
  })
  const logger = pino({ level: 'debug' }, stream)
  const backendEnv = readEnv({
    HOOPAI_CLIENT_ID: app.clientId,
    HOOPAI_CLIENT_SECRET: app.clientSecret,
    HOOPAI_APP_VERSION_ID: app.versionId,
    HOOPAI_API_URL: sandbox.url,
    HOOPAI_MARKETPLACE_URL: sandbox.url,
    HOOPKIT_SECRET_KEY: randomBytes(32).toString('base64'),
    DATABASE_URL: tempSqliteUrl(),
    PUBLIC_URL: publicUrl,
    LOG_LEVEL: 'debug',
    NODE_ENV: 'test',
    ...options.env,
  })

  const services = await createServices(backendEnv, logger, publicUrl)
  const server = await buildServer(services, logger)
  await server.listen({ host: '127.0.0.1', port })

  const close = async () => {
    await server.close()
    await services.close()
    await sandbox.close()
  }
  return {
    sandbox,
    app,
    url: publicUrl,
    services,
    server,
    logLines,
    close,
    [Symbol.asyncDispose]: close,
  }
}

export interface ConsentChoice {
  userId: string
  /** `agency`, or the sub-accounts to install on. */
  target: 'agency' | string[]
  /** The scopes the installer approves. @default every declared scope */
  scopes?: readonly string[]
  /** The plan the installer picks on the consent page. @default the first */
  planId?: string
}

/**
 * Walks the consent page as a browser would: follows the backend's install
 * redirect, submits the consent form and returns the callback URL that the
 * sandbox redirects to.
 */
export async function consent(
  backend: OauthTestBackend,
  choice: ConsentChoice,
): Promise<URL> {
  const submitted = await submitConsentForm(backend, choice)
  const location = submitted.headers.get('location')
  if (submitted.status !== 302 || location === null) {
    throw new Error(
      `consent: expected a 302 redirect, got ${submitted.status}: ${await submitted.text()}`,
    )
  }
  return new URL(location)
}

/**
 * Walks the consent page of a paid install as a browser without
 * JavaScript would: submits the consent form, opens the billing redirect
 * page it leads to and returns the page's two steps, the callback URL and
 * then the Billing URL.
 */
export async function paidConsent(
  backend: OauthTestBackend,
  choice: ConsentChoice,
): Promise<{ callbackUrl: URL; billingUrl: URL }> {
  const submitted = await submitConsentForm(backend, choice)
  const location = submitted.headers.get('location')
  if (submitted.status !== 303 || location === null) {
    throw new Error(
      `paid consent: expected a 303 redirect, got ${submitted.status}: ${await submitted.text()}`,
    )
  }

  const page = await fetch(new URL(location, backend.sandbox.url))
  const steps = readBillingRedirect(await page.text())
  return {
    callbackUrl: new URL(steps.callbackUrl),
    billingUrl: new URL(steps.billingUrl),
  }
}

/**
 * Follows the backend's install redirect and returns the sandbox's consent
 * page URL, with the registered redirect URI.
 */
export async function consentPageUrl(backend: OauthTestBackend): Promise<URL> {
  const start = await fetch(`${backend.url}/oauth/install`, {
    redirect: 'manual',
  })
  const consentUrl = new URL(start.headers.get('location') ?? '')
  consentUrl.searchParams.set('redirect_uri', backend.app.redirectUri)
  return consentUrl
}

async function submitConsentForm(
  backend: OauthTestBackend,
  choice: ConsentChoice,
): Promise<Response> {
  const consentUrl = await consentPageUrl(backend)
  const page = await fetch(consentUrl)
  if (page.status !== 200) {
    throw new Error(`consent page: expected 200, got ${page.status}`)
  }

  // The form carries the registered redirect URI, as the platform's page
  // does, even when the backend was configured with another one.
  const form = new URLSearchParams(consentUrl.searchParams)
  form.set('redirect_uri', backend.app.redirectUri)
  form.set('user_id', choice.userId)
  if (choice.scopes !== undefined) {
    form.set('scope', choice.scopes.join(' '))
  }
  if (choice.planId !== undefined) {
    form.set('plan_id', choice.planId)
  }
  if (choice.target === 'agency') {
    form.set('target', 'agency')
  } else {
    form.set('target', 'locations')
    for (const locationId of choice.target) {
      form.append('location_id', locationId)
    }
  }
  return await fetch(consentUrl.origin + consentUrl.pathname, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  })
}

export { seedIds }

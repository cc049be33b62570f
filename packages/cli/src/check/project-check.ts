import {
  type AppDeclaration,
  defaultApiUrl,
  defaultMarketplaceUrl,
  hoopkitEnvSchema,
  knownScopes,
  parsePublicKeys,
  resolveAppUrl,
} from '@hoopkit/core'
import { scopeForEvent } from './webhook-event-scopes.js'

/** The findings of `hoopkit check`: problems fail the check, warnings do not. */
export interface CheckReport {
  problems: string[]
  warnings: string[]
}

type Environment = Record<string, string | undefined>

/** Checks a valid declaration against itself and the environment. */
export function checkDeclaration(
  declaration: AppDeclaration,
  env: Environment,
): CheckReport {
  const report: CheckReport = { problems: [], warnings: [] }
  const known: readonly string[] = knownScopes
  for (const scope of declaration.scopes) {
    if (!known.includes(scope)) {
      report.warnings.push(
        `scope ${scope} is not in the platform's API reference: check its spelling`,
      )
    }
  }

  for (const event of declaration.webhook.events) {
    const scope = scopeForEvent(event)
    if (scope !== null && !declaration.scopes.includes(scope)) {
      report.problems.push(
        `webhook event ${event} needs scope ${scope}: add it to scopes`,
      )
    }
  }

  if (
    declaration.distribution !== 'sub-account' &&
    !declaration.scopes.includes('oauth.write')
  ) {
    report.warnings.push(
      'scope oauth.write is missing: agency installs need it to mint ' +
        'location tokens',
    )
  }

  checkUrls(declaration, env, report)
  return report
}

function checkUrls(
  declaration: AppDeclaration,
  env: Environment,
  report: CheckReport,
): void {
  const publicUrl = env['PUBLIC_URL']
  if (publicUrl !== undefined && !URL.canParse(publicUrl)) {
    report.problems.push(
      `PUBLIC_URL ${JSON.stringify(publicUrl)} is not a URL: set it to the ` +
        'HTTPS origin at which HoopAI reaches the backend',
    )
    return
  }
  if (publicUrl === undefined) {
    report.warnings.push(
      'PUBLIC_URL is not set: the redirect URI and webhook URL resolve ' +
        "against the backend's listen address",
    )
    return
  }

  const origin = new URL(publicUrl).origin
  const urls = [
    ['redirectUri', declaration.redirectUri],
    ['webhook.url', declaration.webhook.url],
  ] as const
  for (const [name, value] of urls) {
    const resolved = resolveAppUrl(value, publicUrl)
    if (new URL(resolved).origin !== origin) {
      report.problems.push(
        `${name} ${resolved} is not under PUBLIC_URL ${origin}: use a path ` +
          'such as /oauth/callback, or fix PUBLIC_URL',
      )
    }
  }

  const redirectUri = env['HOOPAI_REDIRECT_URI']
  const declared = resolveAppUrl(declaration.redirectUri, publicUrl)
  if (redirectUri !== undefined && redirectUri !== declared) {
    report.problems.push(
      `HOOPAI_REDIRECT_URI ${redirectUri} differs from the declared ` +
        `redirect URI ${declared}: the platform rejects any difference, so ` +
        'unset it or make both equal',
    )
  }
}

/** Checks the environment variables that hoopkit reads. */
export function checkEnvironment(env: Environment): CheckReport {
  const report: CheckReport = { problems: [], warnings: [] }
  const result = hoopkitEnvSchema.safeParse(env)
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = issue.path.map(String).join('.') || '(environment)'
      report.problems.push(`${name} ${issue.message}`)
    }
  }

  checkWebhookKeys(env, report)
  checkOptionalSecrets(env, report)

  const hosts = [
    ['HOOPAI_API_URL', 'calls the real platform at', defaultApiUrl],
    ['HOOPAI_MARKETPLACE_URL', 'sends installs to', defaultMarketplaceUrl],
  ] as const
  for (const [name, action, url] of hosts) {
    if (env[name] === undefined) {
      report.warnings.push(
        `${name} is not set: hoopkit ${action} ${url}. Set it to the ` +
          'sandbox URL for local runs',
      )
    }
  }
  return report
}

/** Parses the webhook keys as the backend does at startup. */
function checkWebhookKeys(env: Environment, report: CheckReport): void {
  for (const name of [
    'HOOPAI_WEBHOOK_PUBLIC_KEY',
    'HOOPAI_WEBHOOK_RSA_PUBLIC_KEY',
  ]) {
    const value = env[name]
    if (value === undefined) {
      continue
    }
    try {
      parsePublicKeys(value, name)
    } catch (error) {
      report.problems.push(
        error instanceof Error ? error.message : `${name} is invalid`,
      )
    }
  }
}

/** Warns about secrets whose absence turns a part of the app off. */
function checkOptionalSecrets(env: Environment, report: CheckReport): void {
  if (env['HOOPAI_SSO_KEY'] === undefined) {
    report.warnings.push(
      'HOOPAI_SSO_KEY is not set: the custom page and widgets cannot start ' +
        "a session. Set it to the SSO shared secret from the app's " +
        'Advanced Settings',
    )
  }
  if (env['HOOPKIT_ACTION_SECRET'] === undefined) {
    report.warnings.push(
      'HOOPKIT_ACTION_SECRET is not set: the backend serves no workflow ' +
        'actions or triggers. Set it to the static header value entered ' +
        'in the Marketplace',
    )
  }
}

import {
  type AppDeclaration,
  defaultApiUrl,
  defaultMarketplaceUrl,
  hoopkitEnvSchema,
  knownScopes,
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
  if (publicUrl === undefined || !URL.canParse(publicUrl)) {
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

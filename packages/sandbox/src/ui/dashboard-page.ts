import { sandboxBilling } from '../billing/sandbox-billing.js'
import type { SandboxContext } from '../sandbox-context.js'
import type { RegisteredApp, User } from '../state/entities.js'
import { html, type SafeHtml } from './html.js'
import { renderPage } from './layout.js'
import { userSwitcher } from './user-switcher.js'

/**
 * Renders the home page: the registered apps, and for each agency and
 * sub-account the apps' install state with Install, Uninstall and
 * Suspend buttons.
 */
export function renderDashboard(context: SandboxContext, user: User): string {
  const apps = [...context.state.apps.values()]
  const body = html`
<section>
${userSwitcher({ users: [...context.state.users.values()], current: user, path: '/' })}
</section>
<h2>Registered apps</h2>
${apps.length === 0 ? html`<p class="muted">No app is registered yet. <code>hoopkit dev</code> registers the app from its declaration.</p>` : apps.map((app) => appCard(context, app))}
<h2>Agency and sub-accounts</h2>
${[...context.state.companies.values()].map((company) => {
  const rows = [
    { id: company.id, name: `${company.name} (agency)` },
    ...context.state
      .locationsOf(company.id)
      .map((l) => ({ id: l.id, name: l.name })),
  ]
  return html`<section><table>
<tr><th>Account</th><th>Id</th><th>Apps</th></tr>
${rows.map((row) => html`<tr><td>${row.name}</td><td><code>${row.id}</code></td><td>${apps.map((app) => installCell(context, app, row.id, user))}</td></tr>`)}
</table>
<form method="post" action="/ui/locations">
<input type="hidden" name="companyId" value="${company.id}">
<input type="hidden" name="as" value="${user.id}">
<label>New sub-account name <input name="name" required></label>
<button class="secondary" type="submit">Add sub-account</button>
</form></section>`
})}`
  return renderPage({ title: 'Accounts and apps', body, userId: user.id })
}

function appCard(context: SandboxContext, app: RegisteredApp): SafeHtml {
  return html`<section>
<h2>${app.name}</h2>
<table>
<tr><th>App id</th><td><code>${app.appId}</code></td></tr>
<tr><th>Client id</th><td><code>${app.clientId}</code></td></tr>
<tr><th>Version id</th><td><code>${app.versionId}</code></td></tr>
<tr><th>Redirect URI</th><td><code>${app.redirectUri}</code></td></tr>
<tr><th>Webhook URL</th><td><code>${app.webhookUrl}</code></td></tr>
<tr><th>Scopes</th><td>${app.scopes.map((scope) => html`<code>${scope}</code> `)}</td></tr>
</table>
<details>
<summary>Environment for a backend run outside <code>hoopkit dev</code></summary>
<pre>${backendEnvLines(context, app)}</pre>
</details>
</section>`
}

/**
 * Lists the dotenv lines that point a backend at this sandbox. They
 * contain the client secret, which is fine for a sandbox on 127.0.0.1.
 */
function backendEnvLines(context: SandboxContext, app: RegisteredApp): string {
  const url = context.baseUrl()
  const lines = [
    `HOOPAI_CLIENT_ID=${app.clientId}`,
    `HOOPAI_CLIENT_SECRET=${app.clientSecret}`,
    `HOOPAI_APP_VERSION_ID=${app.versionId}`,
    `HOOPAI_API_URL=${url}`,
    `HOOPAI_MARKETPLACE_URL=${url}`,
    `HOOPAI_REDIRECT_URI=${app.redirectUri}`,
    ...(app.ssoKey ? [`HOOPAI_SSO_KEY=${app.ssoKey}`] : []),
    `HOOPAI_WEBHOOK_PUBLIC_KEY="${context.webhookKeys.publicKeyPem.trim()}"`,
  ]
  return lines.join('\n')
}

function installCell(
  context: SandboxContext,
  app: RegisteredApp,
  resourceId: string,
  user: User,
): SafeHtml {
  const install = context.installs.find(app.appId, resourceId)
  if (install === undefined) {
    return html`<div>${app.name}: <span class="muted">not installed</span>
<a class="button secondary" href="${authorizeUrl(app, user, resourceId)}">Install</a></div>`
  }

  const suspended = context.installs.isSuspended(resourceId)
  const awaitsBilling = sandboxBilling(context).awaitsBilling(
    app.appId,
    resourceId,
  )
  const kind =
    install.isBulkInstallation && install.locationId === null
      ? 'Company token (bulk install)'
      : `${install.userType} token`
  return html`<div>${app.name}: installed, ${kind}${suspended ? ', suspended' : ''}${awaitsBilling ? ', waiting for billing' : ''}
${actionForm('/ui/uninstall', { appId: app.appId, resourceId, as: user.id }, 'Uninstall', 'danger')}
${actionForm('/ui/suspension', { appId: app.appId, resourceId, as: user.id, suspended: String(!suspended) }, suspended ? 'Activate' : 'Suspend', 'secondary')}
</div>`
}

function actionForm(
  action: string,
  fields: Record<string, string>,
  label: string,
  style: string,
): SafeHtml {
  const inputs = Object.entries(fields).map(
    ([name, value]) =>
      html`<input type="hidden" name="${name}" value="${value}">`,
  )
  return html`<form class="inline" method="post" action="${action}">${inputs}<button class="${style}" type="submit">${label}</button></form>`
}

/**
 * Builds the consent URL that the app's own install link would open, plus
 * the sandbox-only `as` (the user) and `preselect` (the row's agency or
 * sub-account, checked first on the page).
 */
export function authorizeUrl(
  app: RegisteredApp,
  user: User,
  preselect: string,
): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: app.redirectUri,
    scope: app.scopes.join(' '),
    version_id: app.versionId,
    as: user.id,
    preselect,
  })
  return `/v2/oauth/chooselocation?${query.toString().replaceAll('+', '%20')}`
}

import type { User } from '../state/entities.js'
import { html, SafeHtml } from '../ui/html.js'
import type { ShellModel } from './shell-model.js'
import { shellScript } from './shell-script.js'
import { shellStyles } from './shell-styles.js'

export interface ShellPageOptions {
  model: ShellModel
  /** Every seed user, for the user switcher. */
  users: User[]
}

/**
 * Renders the app shell: the left navigation with the custom menu links of
 * the view, a user and sub-account switcher, and the view that the
 * browser script draws. Each installed app's Custom JS loads last, as on
 * the platform.
 */
export function renderShellPage(options: ShellPageOptions): string {
  const { model } = options
  const as = `?as=${encodeURIComponent(model.user.id)}`
  const base = model.location ? `/v2/location/${model.location.id}` : '/agency'
  const navigation = [
    routeLink(`${base}/dashboard`, 'Dashboard', as),
    model.location ? routeLink(`${base}/contacts`, 'Contacts', as) : '',
    ...model.links.map((link) =>
      routeLink(`${base}/custom-page-link/${link.id}`, link.title, as),
    ),
  ]
  const scripts = model.apps
    .filter((app) => app.customJsUrl !== null)
    .map(
      (app) =>
        html`<script src="${app.customJsUrl}" data-app-id="${app.appId}"></script>`,
    )

  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${model.location?.name ?? model.company.name} · HoopAI sandbox shell</title>
<style>${new SafeHtml(shellStyles)}</style>
</head>
<body>
<div class="shell">
<nav aria-label="Main">
<div class="brand">HoopAI</div>
<div class="view-name">${model.location?.name ?? `${model.company.name} (agency)`}</div>
${navigation}
<a class="exit" href="/${as}">Sandbox home</a>
</nav>
<div class="content">
<header>${switchers(options)}</header>
<main id="shell-main"></main>
</div>
</div>
<script type="application/json" id="shell-model">${new SafeHtml(modelJson(model))}</script>
<script>${new SafeHtml(shellScript)}</script>
${scripts}
</body>
</html>
`.value
}

function routeLink(path: string, label: string, query: string): SafeHtml {
  return html`<a href="/shell${path}${query}" data-route="${path}">${label}</a>`
}

function switchers(options: ShellPageOptions): SafeHtml {
  const { model } = options
  const users = options.users.map((user) => {
    const current = user.id === model.user.id ? ' class="current"' : ''
    const kind = user.type === 'agency' ? 'agency' : 'sub-account'
    return html`<a href="/shell?as=${encodeURIComponent(user.id)}"${new SafeHtml(current)}>${user.name} (${kind} ${user.role})</a>`
  })
  const as = `?as=${encodeURIComponent(model.user.id)}`
  const locations = model.locations.map((location) => {
    const current = location.id === model.location?.id ? ' class="current"' : ''
    return html`<a href="/shell/v2/location/${encodeURIComponent(location.id)}/dashboard${as}"${new SafeHtml(current)}>${location.name}</a>`
  })
  const agency =
    model.user.type === 'agency'
      ? html`<a href="/shell/agency/dashboard${as}"${new SafeHtml(model.location === null ? ' class="current"' : '')}>Agency view</a>`
      : ''
  return html`<p class="switcher">Signed in as: ${users}</p>
<p class="switcher">View: ${agency} ${locations}</p>`
}

// `<` is escaped so that no value in the model can close the script tag.
function modelJson(model: ShellModel): string {
  return JSON.stringify(model).replaceAll('<', '\\u003c')
}

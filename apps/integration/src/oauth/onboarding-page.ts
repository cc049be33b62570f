import type { InstallSummary } from '@hoopkit/core'
import { escapeHtml, renderPage } from './page-layout.js'
import type { RecentInstallEvent } from './recent-install-events.js'

export interface OnboardingPageInput {
  appName: string
  install: InstallSummary
  /** The resource's name, when the platform or a webhook reported one. */
  resourceName: string | null
  /** The latest webhooks received for the install, newest first. */
  recentEvents?: RecentInstallEvent[]
}

/** Renders the page shown after a successful install. It shows no token. */
export function renderOnboardingPage(input: OnboardingPageInput): string {
  const { install } = input
  const kind = install.userType === 'Company' ? 'agency' : 'sub-account'
  const name = input.resourceName
    ? `${escapeHtml(input.resourceName)} (<code>${escapeHtml(install.resourceId)}</code>)`
    : `<code>${escapeHtml(install.resourceId)}</code>`

  const sections = [
    `<p>${escapeHtml(input.appName)} is installed on the ${kind} ${name}.</p>`,
    scopesSection(install.scopes),
    install.isBulk ? locationsSection(install) : '',
    eventsSection(input, input.recentEvents ?? []),
    nextStepsSection(install),
  ]
  return renderPage(`${input.appName} is installed`, sections.join('\n'))
}

function scopesSection(scopes: readonly string[]): string {
  if (scopes.length === 0) {
    return '<p>The platform reported no granted scopes.</p>'
  }
  const items = scopes.map(
    (scope) => `<li><code>${escapeHtml(scope)}</code></li>`,
  )
  return `<h2>Granted access</h2>\n<ul>\n${items.join('\n')}\n</ul>`
}

function locationsSection(install: InstallSummary): string {
  if (install.locations.length === 0) {
    return (
      '<h2>Sub-accounts</h2>\n<p>No sub-accounts were listed yet. Each one ' +
      'is set up when the platform reports its install.</p>'
    )
  }
  const rows = install.locations.map((location) => {
    const label = location.name ? escapeHtml(location.name) : ''
    const status = location.status === 'active' ? 'ready' : 'finishing setup'
    return `<tr><td>${label}</td><td><code>${escapeHtml(location.locationId)}</code></td><td>${status}</td></tr>`
  })
  return (
    '<h2>Sub-accounts</h2>\n<table>\n<tr><th>Name</th><th>Id</th><th>Status</th></tr>\n' +
    `${rows.join('\n')}\n</table>`
  )
}

function eventsSection(
  input: OnboardingPageInput,
  events: RecentInstallEvent[],
): string {
  if (events.length === 0) {
    return '<h2>Webhooks received</h2>\n<p>None yet.</p>'
  }
  const rows = events.map(
    (event) =>
      `<tr><td>${escapeHtml(event.type)}</td><td>${accountLabel(input, event)}</td>` +
      `<td>${new Date(event.receivedAt).toISOString()}</td></tr>`,
  )
  return (
    '<h2>Webhooks received</h2>\n<table>\n' +
    '<tr><th>Type</th><th>Account</th><th>Received</th></tr>\n' +
    `${rows.join('\n')}\n</table>`
  )
}

/** Names the account of an event: its sub-account, or the agency. */
function accountLabel(
  input: OnboardingPageInput,
  event: RecentInstallEvent,
): string {
  const { install } = input
  if (event.locationId === null) {
    return input.resourceName && install.userType === 'Company'
      ? escapeHtml(input.resourceName)
      : 'agency'
  }

  const listed = install.locations.find(
    (location) => location.locationId === event.locationId,
  )?.name
  const own =
    event.locationId === install.resourceId ? input.resourceName : null
  const name = listed ?? own
  return name
    ? escapeHtml(name)
    : `<code>${escapeHtml(event.locationId)}</code>`
}

function nextStepsSection(install: InstallSummary): string {
  const pending = install.locations.some(
    (location) => location.status === 'pending',
  )
  const steps = [
    install.userType === 'Company'
      ? "Open the app from the agency's menu, or from any sub-account it was installed on."
      : "Open the app from the sub-account's left menu.",
    pending
      ? 'Sub-accounts marked "finishing setup" get their access on first use; nothing else is needed.'
      : '',
    'You can close this tab.',
  ].filter((step) => step !== '')
  const items = steps.map((step) => `<li>${escapeHtml(step)}</li>`)
  return `<h2>What to do next</h2>\n<ol>\n${items.join('\n')}\n</ol>`
}

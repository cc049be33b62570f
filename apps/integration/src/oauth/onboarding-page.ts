import type { InstallSummary } from '@hoopkit/core'
import { escapeHtml, renderPage } from './page-layout.js'

export interface OnboardingPageInput {
  appName: string
  install: InstallSummary
  /** The resource's name, when the platform or a webhook reported one. */
  resourceName: string | null
  /** The latest webhooks received for the install, newest first. */
  recentEvents?: { type: string; receivedAt: number }[]
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
    eventsSection(input.recentEvents ?? []),
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

function eventsSection(events: { type: string; receivedAt: number }[]): string {
  if (events.length === 0) {
    return '<h2>Webhooks received</h2>\n<p>None yet.</p>'
  }
  const rows = events.map(
    (event) =>
      `<tr><td>${escapeHtml(event.type)}</td><td>${new Date(event.receivedAt).toISOString()}</td></tr>`,
  )
  return (
    '<h2>Webhooks received</h2>\n<table>\n<tr><th>Type</th><th>Received</th></tr>\n' +
    `${rows.join('\n')}\n</table>`
  )
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

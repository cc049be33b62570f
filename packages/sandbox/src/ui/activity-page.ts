import type { SandboxContext } from '../sandbox-context.js'
import type { User } from '../state/entities.js'
import { html } from './html.js'
import { renderPage } from './layout.js'

/** Renders the activity log: what the sandbox sent to apps, newest first. */
export function renderActivityPage(
  context: SandboxContext,
  user: User,
): string {
  const entries = context.activity.list()
  const rows = entries.map(
    (entry) =>
      html`<tr><td><code>${entry.at}</code></td><td>${entry.kind}</td><td><code>${entry.appId}</code></td><td>${entry.summary}</td></tr>`,
  )
  const body = html`<section>
${
  entries.length === 0
    ? html`<p class="muted">Nothing was sent to an app yet.</p>`
    : html`<table>
<tr><th>Time</th><th>Kind</th><th>App</th><th>What</th></tr>
${rows}
</table>`
}
</section>`
  return renderPage({ title: 'Activity', body, userId: user.id })
}

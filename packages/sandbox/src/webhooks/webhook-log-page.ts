import type { SandboxContext } from '../sandbox-context.js'
import type { User } from '../state/entities.js'
import { html } from '../ui/html.js'
import { renderPage } from '../ui/layout.js'
import type { WebhookDelivery, WebhookSender } from './webhook-sender.js'

/**
 * Renders the webhook log: each delivery with its status, attempts, body
 * and a Resend button, the public key apps verify with, and a form that
 * creates a contact so that ContactCreate is sent.
 */
export function renderWebhookLogPage(
  context: SandboxContext,
  sender: WebhookSender,
  user: User,
): string {
  const deliveries = sender.list()
  const body = html`<section>
<h2>Signing key</h2>
<p class="muted">Apps verify <code>x-ghl-signature</code> with this Ed25519 key; <code>hoopkit dev</code> passes it as <code>HOOPAI_WEBHOOK_PUBLIC_KEY</code>.</p>
<pre><code>${context.webhookKeys.publicKeyPem}</code></pre>
</section>
${newContactForm(context, user)}
<section>
<h2>Deliveries</h2>
${
  deliveries.length === 0
    ? html`<p class="muted">No webhook was sent yet.</p>`
    : html`<table>
<tr><th>Created</th><th>Type</th><th>URL</th><th>Status</th><th>Attempts</th><th></th></tr>
${deliveries.map((delivery) => deliveryRow(delivery, user))}
</table>`
}
</section>`
  return renderPage({ title: 'Webhooks', body, userId: user.id })
}

function deliveryRow(delivery: WebhookDelivery, user: User) {
  const attempts = delivery.attempts.map(
    (attempt) =>
      html`<li><code>${attempt.at}</code> ${attempt.kind}: ${attempt.status ?? attempt.error} (${attempt.durationMs} ms)</li>`,
  )
  return html`<tr>
<td><code>${delivery.createdAt}</code></td>
<td>${delivery.type}</td>
<td><code>${delivery.url}</code></td>
<td>${delivery.status}${delivery.nextAttemptAt ? html`<br><span class="muted">next ${delivery.nextAttemptAt}</span>` : ''}</td>
<td><details><summary>${delivery.attempts.length}</summary><ul>${attempts}</ul><pre><code>${delivery.body}</code></pre></details></td>
<td><form class="inline" method="post" action="/ui/webhooks/resend">
<input type="hidden" name="id" value="${delivery.id}">
<input type="hidden" name="as" value="${user.id}">
<button class="secondary">Resend</button>
</form></td>
</tr>`
}

function newContactForm(context: SandboxContext, user: User) {
  const options = [...context.state.locations.values()]
    .filter((location) => user.locationIds.includes(location.id))
    .map(
      (location) =>
        html`<option value="${location.id}">${location.name}</option>`,
    )
  return html`<section>
<h2>New contact</h2>
<form method="post" action="/ui/contacts">
<input type="hidden" name="as" value="${user.id}">
<label>Sub-account <select name="locationId">${options}</select></label>
<label>First name <input name="firstName" required></label>
<label>Last name <input name="lastName"></label>
<label>Email <input name="email" type="email"></label>
<button>Create contact</button>
</form>
</section>`
}

import type { SandboxContext } from '../sandbox-context.js'
import { html, type SafeHtml } from '../ui/html.js'
import { renderPage } from '../ui/layout.js'
import type {
  BillingConfirmationRecord,
  WalletCharge,
} from './billing-records.js'
import { offersExternalBilling } from './external-billing-availability.js'
import { sandboxBilling } from './sandbox-billing.js'

const listed = 20

/**
 * Renders the billing page: installs that wait for their Billing URL, the
 * confirmations received, each sub-account's wallet and the plan of each
 * paid install, with forms to change a balance or a plan.
 */
export function renderBillingPage(
  context: SandboxContext,
  userId: string,
): string {
  const body = html`${behaviourSection(context, userId)}
${pendingSection(context)}
${plansSection(context, userId)}
${walletsSection(context, userId)}
${chargesSection(context)}
${confirmationsSection(context)}`
  return renderPage({ title: 'Billing', body, userId })
}

function behaviourSection(context: SandboxContext, userId: string): SafeHtml {
  const behaviour = sandboxBilling(context).behaviour
  const checked = (on: boolean) => (on ? html` checked` : '')
  return html`<section><h2>Platform behaviour</h2>
${externalBillingApps(context)}
<form method="post" action="/ui/billing/behaviour">
<input type="hidden" name="as" value="${userId}">
<p><label><input type="checkbox" name="externalBilling" value="available"${checked(behaviour.externalBilling === 'available')}> External billing is available to apps created after 2026-06-17 (the platform reportedly stopped offering it to them)</label></p>
<p><label><input type="checkbox" name="requireCompanyConfirmation" value="true"${checked(behaviour.requireCompanyConfirmation)}> An agency,location install also needs the company confirmation</label></p>
<p><label><input type="checkbox" name="dedupeChargesByEventId" value="true"${checked(behaviour.dedupeChargesByEventId)}> Charges with a repeated eventId return the first charge</label></p>
<button type="submit" class="secondary">Save</button>
</form></section>`
}

/** Lists each app with a Billing URL, its creation day and whether it gets external billing. */
function externalBillingApps(context: SandboxContext): SafeHtml {
  const billing = sandboxBilling(context)
  const items = [...context.state.apps.values()]
    .filter((app) => billing.appBilling(app.appId)?.billingUrl != null)
    .map((app) => {
      const created = app.createdAt ?? 'not declared, so counted as new'
      const offered = offersExternalBilling(app, billing.behaviour)
      return html`<li>${app.name} (created ${created}): external billing ${offered ? 'offered' : 'not offered'}</li>`
    })
  if (items.length === 0) {
    return html``
  }
  return html`<ul>${items}</ul>`
}

function pendingSection(context: SandboxContext): SafeHtml {
  const pending = sandboxBilling(context).pendingInstalls()
  const rows = pending.map(
    ({ install, billingUrl, failed }) =>
      html`<tr><td><code>${install.appId}</code></td><td>${install.installType}</td><td>${[install.companyId, ...install.locationIds].join(', ')}</td><td>${failed ? 'payment failed' : 'waiting'}</td><td><a class="button" href="${billingUrl}">Open Billing URL</a></td></tr>`,
  )
  return html`<section><h2>Installs waiting for billing</h2>
${
  pending.length === 0
    ? html`<p class="muted">No install waits for a billing confirmation.</p>`
    : html`<table><tr><th>App</th><th>Install type</th><th>Accounts</th><th>State</th><th></th></tr>${rows}</table>`
}
<p class="muted">INSTALL is sent once every location${sandboxBilling(context).behaviour.requireCompanyConfirmation ? ', and the agency of an agency,location install,' : ''} is confirmed COMPLETED.</p>
</section>`
}

function plansSection(context: SandboxContext, userId: string): SafeHtml {
  const billing = sandboxBilling(context)
  const rows = context.installs.list().flatMap((install) => {
    const plans = billing.appBilling(install.appId)?.plans ?? []
    if (plans.length === 0 || install.locationId === null) {
      return []
    }
    const current = billing.planOf(install.appId, install.locationId)
    const options = plans.map(
      (plan) =>
        html`<option value="${plan.planId}"${plan.planId === current ? html` selected` : ''}>${plan.name}</option>`,
    )
    return [
      html`<tr><td><code>${install.appId}</code></td><td><code>${install.locationId}</code></td><td>${current ?? 'none'}</td><td><form class="inline" method="post" action="/ui/billing/plan"><input type="hidden" name="appId" value="${install.appId}"><input type="hidden" name="locationId" value="${install.locationId}"><input type="hidden" name="as" value="${userId}"><select name="planId">${options}</select><button type="submit" class="secondary">Change plan</button></form></td></tr>`,
    ]
  })
  return html`<section><h2>Plans</h2>
${
  rows.length === 0
    ? html`<p class="muted">No paid app is installed on a sub-account.</p>`
    : html`<table><tr><th>App</th><th>Sub-account</th><th>Plan</th><th>Change (sends PLAN_CHANGE)</th></tr>${rows}</table>`
}</section>`
}

function walletsSection(context: SandboxContext, userId: string): SafeHtml {
  const billing = sandboxBilling(context)
  const rows = [...context.state.locations.values()].map(
    (location) =>
      html`<tr><td>${location.name}</td><td><code>${location.id}</code></td><td>$${billing.balance(location.id).toFixed(2)}</td><td><form class="inline" method="post" action="/ui/billing/balance"><input type="hidden" name="locationId" value="${location.id}"><input type="hidden" name="as" value="${userId}"><input name="balance" inputmode="decimal" size="6" value="0"><button type="submit" class="secondary">Set balance</button></form></td></tr>`,
  )
  return html`<section><h2>Wallets</h2>
<table><tr><th>Sub-account</th><th>Id</th><th>Balance</th><th></th></tr>${rows}</table>
<p class="muted">A balance of 0 makes <code>has-funds</code> false.</p></section>`
}

function chargesSection(context: SandboxContext): SafeHtml {
  const charges = [...sandboxBilling(context).charges.values()]
    .slice(-listed)
    .reverse()
  return html`<section><h2>Wallet charges</h2>
${
  charges.length === 0
    ? html`<p class="muted">No charge yet.</p>`
    : html`<table><tr><th>Time</th><th>Sub-account</th><th>Event</th><th>Type</th><th>Amount</th></tr>${charges.map(chargeRow)}</table>`
}</section>`
}

function chargeRow(charge: WalletCharge): SafeHtml {
  const state = charge.refunded ? ' (refunded)' : ''
  return html`<tr><td><code>${charge.createdAt}</code></td><td><code>${charge.entityId}</code></td><td><code>${charge.meta.eventId}</code></td><td>${charge.transactionType}${state}</td><td>$${charge.amountCharged}</td></tr>`
}

function confirmationsSection(context: SandboxContext): SafeHtml {
  const records = sandboxBilling(context).confirmations.slice(-listed).reverse()
  return html`<section><h2>Billing confirmations received</h2>
${
  records.length === 0
    ? html`<p class="muted">No app confirmed a payment yet.</p>`
    : html`<table><tr><th>Time</th><th>App</th><th>For</th><th>Status</th><th>Amount</th></tr>${records.map(confirmationRow)}</table>`
}</section>`
}

function confirmationRow(record: BillingConfirmationRecord): SafeHtml {
  return html`<tr><td><code>${record.receivedAt}</code></td><td><code>${record.appId}</code></td><td>${record.authType} <code>${record.resourceId}</code></td><td>${record.status}</td><td>${record.amount}</td></tr>`
}

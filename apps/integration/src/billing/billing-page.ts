import type {
  BillingProgress,
  BillingRequest,
  ExternalBillingResult,
} from '@hoopkit/core'
import { escapeHtml, renderPage } from '../oauth/page-layout.js'
import { testCards } from './test-card-payment.js'

/**
 * Builds the form fields that post the install back, from the parsed
 * request. The list of locations goes as one comma-separated value, so a
 * Billing URL that repeats `locationId` posts every location it names.
 */
function installFields(request: BillingRequest): [string, string][] {
  const fields: [string, string][] = [
    ['clientId', request.clientId],
    ['installType', request.installType],
  ]
  if (request.companyId !== null) {
    fields.push(['companyId', request.companyId])
  }
  if (request.locationIds.length > 0) {
    fields.push(['locationId', request.locationIds.join(',')])
  }
  return fields
}

/**
 * Renders the payment form for the unpaid locations and agency of one
 * install, at the price of its plan, or, once every one is paid, the
 * outcome, with a button that sends the confirmations still due.
 */
export function renderPaymentPage(options: {
  appName: string
  request: BillingRequest
  progress: BillingProgress
}): string {
  const { request, progress } = options
  const hidden = installFields(request)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`,
    )
    .join('\n')
  if (progress.status !== 'unpaid') {
    return renderPaidPage(options.appName, hidden, progress.status)
  }

  const planName = progress.plan?.name ?? 'paid'
  const price = progress.plan?.baseAmount ?? 0
  const priceLine =
    price === 0
      ? `<p>The ${escapeHtml(planName)} plan is free for each of:</p>`
      : `<p>The ${escapeHtml(planName)} plan costs $${price.toFixed(2)} ` +
        'a month for each of:</p>'
  const cardField =
    price === 0
      ? ''
      : '<label>Card number <input name="cardNumber" inputmode="numeric" ' +
        'autocomplete="cc-number" required></label>'
  return renderPage(
    `Subscribe to ${options.appName}`,
    `${priceLine}
<ul>${progress.due.map((target) => `<li>${escapeHtml(describe(target))}</li>`).join('')}</ul>
${paidList(progress.paid)}
<form method="post" action="/billing">
${hidden}
${cardField}
<button type="submit">${price === 0 ? 'Confirm' : 'Pay'}</button>
</form>
<p>Test cards: <code>${testCards.succeeds}</code> succeeds,
<code>${testCards.declined}</code> is declined.</p>`,
  )
}

/** Lists the targets paid already, which the form does not charge again. */
function paidList(paid: string[]): string {
  if (paid.length === 0) {
    return ''
  }
  const items = paid
    .map((target) => `<li>${escapeHtml(describe(target))}</li>`)
    .join('')
  return `<p>Paid already, not charged again:</p>\n<ul>${items}</ul>`
}

/** Turns `location <id>` into `sub-account <id>`, as the customer reads it. */
function describe(target: string): string {
  const [kind, id] = target.split(' ')
  return `${kind === 'company' ? 'agency' : 'sub-account'} ${id}`
}

/** Renders the page of an install whose payment went through already. */
function renderPaidPage(
  appName: string,
  hidden: string,
  progress: 'unconfirmed' | 'confirmed',
): string {
  if (progress === 'confirmed') {
    return renderPage(
      'Payment complete',
      `<p>${escapeHtml(appName)} is paid already. The install finishes ` +
        'in the marketplace.</p>',
    )
  }
  return renderPage(
    'Payment taken, install not confirmed',
    `<p>The payment went through, but the marketplace has not accepted
every confirmation yet. Sending them again charges nothing.</p>
<form method="post" action="/billing">
${hidden}
<button type="submit">Send the confirmations again</button>
</form>`,
  )
}

/** Renders the outcome of a payment, or why it could not be confirmed. */
export function renderBillingResult(
  appName: string,
  result: ExternalBillingResult,
  retryUrl: string,
): string {
  if (!result.ok) {
    return renderPage(
      'Billing not finished',
      `<p class="error">${escapeHtml(result.error.message)}</p>
<p><a href="${escapeHtml(retryUrl)}">Try again</a></p>`,
    )
  }
  if (result.status === 'FAILED') {
    const reason = result.payment.failure_reason ?? 'the payment failed'
    return renderPage(
      'Payment failed',
      `<p class="error">Your payment failed: ${escapeHtml(reason)}. Nothing was charged.</p>
<p><a href="${escapeHtml(retryUrl)}">Pay with another card</a></p>`,
    )
  }
  return renderPage(
    'Payment complete',
    `<p>${escapeHtml(appName)} is paid for ${result.confirmations.length} ` +
      'account(s). The install finishes in the marketplace.</p>',
  )
}

import type { BillingRequest, ExternalBillingResult } from '@hoopkit/core'
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
 * Renders the payment form for one install, or, once it is paid, the
 * outcome, with a button that sends the confirmations still due.
 */
export function renderPaymentPage(options: {
  appName: string
  request: BillingRequest
  price: number
  progress: 'unpaid' | 'unconfirmed' | 'confirmed'
}): string {
  const { request, price, progress } = options
  const hidden = installFields(request)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`,
    )
    .join('\n')
  if (progress !== 'unpaid') {
    return renderPaidPage(options.appName, hidden, progress)
  }

  const billed = [
    ...(request.companyId !== null && request.targets.agency
      ? [`agency ${request.companyId}`]
      : []),
    ...request.locationIds.map((id) => `sub-account ${id}`),
  ]
  return renderPage(
    `Subscribe to ${options.appName}`,
    `<p>The Pro plan costs $${price.toFixed(2)} a month for each of:</p>
<ul>${billed.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>
<form method="post" action="/billing">
${hidden}
<label>Card number <input name="cardNumber" inputmode="numeric" autocomplete="cc-number" required></label>
<button type="submit">Pay</button>
</form>
<p>Test cards: <code>${testCards.succeeds}</code> succeeds,
<code>${testCards.declined}</code> is declined.</p>`,
  )
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

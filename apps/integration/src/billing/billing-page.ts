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

/** Renders the payment form for one install. */
export function renderPaymentPage(options: {
  appName: string
  request: BillingRequest
  price: number
}): string {
  const { request, price } = options
  const hidden = installFields(request)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`,
    )
    .join('\n')
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

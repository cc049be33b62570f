import { html, SafeHtml } from '../ui/html.js'
import { renderPage } from '../ui/layout.js'
import type { BillingRedirect } from './billing-redirects.js'

/**
 * Runs in the browser: requests the app's callback, so the app exchanges
 * the code, checks the exchange with the sandbox's status route, then
 * replaces the page with the Billing URL. On a failure it shows why and
 * leaves the links.
 */
const redirectScript = new SafeHtml(`<script>
(async () => {
  const steps = document.getElementById('billing-redirect')
  const problem = document.getElementById('billing-redirect-problem')
  const show = (text) => {
    problem.textContent = text
    problem.hidden = false
  }
  try {
    await fetch(steps.dataset.callbackUrl, {
      mode: 'no-cors',
      credentials: 'include',
    })
  } catch (error) {
    show('The app\\'s callback did not respond (' + error.message + '). ' +
      'Start the app, then open step 1 and step 2 by hand.')
    return
  }
  const status = await fetch(steps.dataset.statusUrl)
  const { codeExchanged } = await status.json()
  if (!codeExchanged) {
    show('The app\\'s callback did not exchange the authorization code. ' +
      'Open step 1 to see its page, then step 2 to pay.')
    return
  }
  location.replace(steps.dataset.billingUrl)
})()
</script>`)

/**
 * Renders the page that the consent of a paid app redirects to. It plays
 * the platform's two redirects: the app's callback with the code, then
 * the Billing URL. Both are links too, for a browser without JavaScript.
 */
export function renderBillingRedirectPage(redirect: BillingRedirect): string {
  const statusUrl = `/oauth/billing-redirect/${redirect.id}/status`
  const body = html`<section class="card" id="billing-redirect"
 data-callback-url="${redirect.callbackUrl}"
 data-billing-url="${redirect.billingUrl}"
 data-status-url="${statusUrl}">
<p>${redirect.appName} is a paid app. The platform sends the authorization
code to the app, then opens the app's Billing URL. INSTALL follows once
the app confirms the payment.</p>
<ol>
<li><a id="callback-step" href="${redirect.callbackUrl}">The app's callback, with the authorization code</a></li>
<li><a id="billing-step" href="${redirect.billingUrl}">The app's Billing URL</a></li>
</ol>
<p id="billing-redirect-problem" class="error" hidden></p>
</section>
${redirectScript}`
  return renderPage({ title: `Installing ${redirect.appName}`, body })
}

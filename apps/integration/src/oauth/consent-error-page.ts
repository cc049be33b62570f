import type { ConsentError } from './consent-error.js'
import { isConsentDenied } from './consent-error.js'
import { escapeHtml, renderPage } from './page-layout.js'

/**
 * Renders the page for a callback that carries `?error=` in place of a
 * code: a cancelled install when the user declined consent, else the
 * platform's error with what to do.
 */
export function renderConsentErrorPage(
  appName: string,
  consentError: ConsentError,
): string {
  const code = `<p>Error code: <code>${escapeHtml(consentError.error)}</code></p>`
  const reason = consentError.description
    ? `<p><strong>Reason:</strong> ${escapeHtml(consentError.description)}</p>`
    : ''

  if (isConsentDenied(consentError)) {
    const body = [
      `<p>Consent for ${escapeHtml(appName)} was declined on the platform's consent page, so it was not installed.</p>`,
      `<div class="error">${reason}${code}</div>`,
      '<h2>What to do</h2>',
      `<p>To use ${escapeHtml(appName)}, start the install again from the marketplace and click Allow on the consent page.</p>`,
      '<p>Nothing was installed and nothing was stored. You can close this tab.</p>',
    ]
    return renderPage('The install was cancelled', body.join('\n'))
  }

  const body = [
    `<div class="error"><p>The platform returned an error in place of an install code.</p>${reason}${code}</div>`,
    '<h2>What to do</h2>',
    "<p>Start the install again from the marketplace. If the same error comes back, send the error code to the app's operator.</p>",
    '<p>Nothing was installed and nothing was stored.</p>',
  ]
  return renderPage('The install could not be finished', body.join('\n'))
}

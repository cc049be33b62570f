import type { CallbackFailure } from '@hoopkit/core'
import { escapeHtml, renderPage } from './page-layout.js'

const nextSteps: Partial<Record<CallbackFailure['code'], string>> = {
  OAUTH_CODE_MISSING:
    "Start the install from the app's page in the marketplace; it opens this page with a code.",
  OAUTH_CODE_INVALID:
    'The code is unknown, expired or already used. Start the install again from the marketplace.',
  OAUTH_REDIRECT_MISMATCH:
    "The redirect URI differs from the app's registered one. The app's operator must set HOOPAI_REDIRECT_URI to the registered URI; then install again.",
  OAUTH_CONFIG_INVALID:
    "The platform rejected the app's credentials or request. The app's operator must check HOOPAI_CLIENT_ID, HOOPAI_CLIENT_SECRET and HOOPAI_USER_TYPE; installing again will not help until then.",
}

/** Chooses the error page's HTTP status: 400 for bad input, else 502. */
export function installErrorStatus(failure: CallbackFailure): 400 | 502 {
  return failure.status >= 400 && failure.status < 500 ? 400 : 502
}

/** Renders the page shown when an install callback fails. */
export function renderInstallErrorPage(failure: CallbackFailure): string {
  const next =
    nextSteps[failure.code] ??
    'The platform could not be reached or failed. Wait a minute, then start the install again from the marketplace.'
  const trace = failure.traceId
    ? `<p>Platform trace id: <code>${escapeHtml(failure.traceId)}</code></p>`
    : ''
  const body = [
    `<div class="error"><p><strong>Reason:</strong> ${escapeHtml(failure.message)}</p>`,
    `<p>Error code: <code>${escapeHtml(failure.code)}</code></p>${trace}</div>`,
    '<h2>What to do</h2>',
    `<p>${escapeHtml(next)}</p>`,
    '<p>Nothing was changed by this attempt.</p>',
  ]
  return renderPage('The install could not be finished', body.join('\n'))
}

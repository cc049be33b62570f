import { UiError } from './ui-error.js'

/** The Custom JS environment's session function, where the platform adds it. */
type ExposeSessionDetails = (appId: string) => Promise<string>

export interface ReadSessionDetailsOptions {
  /** How long to wait for the platform to add the function, in ms. @default 5000 */
  timeoutMs?: number
  /** @default window */
  window?: Window
}

const pollMs = 50

/**
 * Returns the encrypted SSO payload in a Custom JS script, through
 * `window.exposeSessionDetails(appId)`. The function may be missing when
 * the script starts, so this waits for it until the timeout.
 */
export async function readSessionDetails(
  appId: string,
  options: ReadSessionDetailsOptions = {},
): Promise<string> {
  const view = options.window ?? window
  const timeoutMs = options.timeoutMs ?? 5000
  const deadline = Date.now() + timeoutMs

  let expose = exposeFunction(view)
  while (expose === undefined && Date.now() < deadline) {
    await new Promise((resolve) => view.setTimeout(resolve, pollMs))
    expose = exposeFunction(view)
  }
  if (expose === undefined) {
    throw new UiError(
      'SSO_TIMEOUT',
      `sso: window.exposeSessionDetails was not defined within ` +
        `${timeoutMs} ms: run this script as the app's Custom JS, after ` +
        'the routeLoaded event',
    )
  }

  const payload = await expose(appId)
  if (typeof payload !== 'string' || payload.length === 0) {
    throw new UiError(
      'SSO_TIMEOUT',
      `sso: exposeSessionDetails("${appId}") returned no payload: check ` +
        'the app id and that the SSO key (Shared Secret) has been generated',
    )
  }
  return payload
}

function exposeFunction(view: Window): ExposeSessionDetails | undefined {
  const value = (view as unknown as Record<string, unknown>)[
    'exposeSessionDetails'
  ]
  return typeof value === 'function'
    ? (value as ExposeSessionDetails)
    : undefined
}

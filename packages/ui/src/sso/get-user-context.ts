import { matchesOrigin, readFrameOrigins } from './origin-pattern.js'
import { UiError } from './ui-error.js'

export const requestUserDataMessage = 'REQUEST_USER_DATA'
export const userDataResponseMessage = 'REQUEST_USER_DATA_RESPONSE'

export interface GetUserContextOptions {
  /** How long to wait for the platform's reply, in ms. @default 5000 */
  timeoutMs?: number
  /**
   * Origins whose reply is accepted; `*.` wildcards cover subdomains.
   * @default the origins in `<meta name="hoopkit-frame-origins">`
   */
  allowedOrigins?: readonly string[]
  /** @default window */
  window?: Window
}

/** The encrypted SSO payload and the origin of the frame that sent it. */
export interface UserContextReply {
  payload: string
  origin: string
}

/**
 * Asks the platform frame for the user context: posts `REQUEST_USER_DATA`
 * to the parent and resolves with the first `REQUEST_USER_DATA_RESPONSE`
 * from the parent window at an allowed origin. Replies from other frames or
 * origins are ignored, and the listener is removed after the first valid
 * reply or the timeout, so later replies have no effect.
 */
export function getUserContext(
  options: GetUserContextOptions = {},
): Promise<UserContextReply> {
  const view = options.window ?? window
  const timeoutMs = options.timeoutMs ?? 5000
  const allowedOrigins =
    options.allowedOrigins ?? readFrameOrigins(view.document)

  if (view.parent === view) {
    return Promise.reject(
      new UiError(
        'SSO_NOT_FRAMED',
        'sso: this page is not inside a frame, so there is no platform to ' +
          'ask for the user context: open it from the app’s custom menu ' +
          'link, or from the sandbox shell in development',
      ),
    )
  }

  return new Promise((resolve, reject) => {
    const onMessage = (event: MessageEvent) => {
      const payload = validReply(event, view, allowedOrigins)
      if (payload === null) {
        return
      }
      stop()
      resolve({ payload, origin: event.origin })
    }

    const timer = view.setTimeout(() => {
      stop()
      reject(timeoutError(timeoutMs, allowedOrigins))
    }, timeoutMs)

    const stop = () => {
      view.clearTimeout(timer)
      view.removeEventListener('message', onMessage)
    }

    view.addEventListener('message', onMessage)
    view.parent.postMessage({ message: requestUserDataMessage }, '*')
  })
}

function validReply(
  event: MessageEvent,
  view: Window,
  allowedOrigins: readonly string[],
): string | null {
  if (event.source !== view.parent) {
    return null
  }
  if (!matchesOrigin(event.origin, allowedOrigins)) {
    return null
  }

  const data: unknown = event.data
  if (typeof data !== 'object' || data === null) {
    return null
  }
  const { message, payload } = data as Record<string, unknown>
  if (message !== userDataResponseMessage || typeof payload !== 'string') {
    return null
  }
  return payload.length > 0 ? payload : null
}

function timeoutError(
  timeoutMs: number,
  allowedOrigins: readonly string[],
): UiError {
  return new UiError(
    'SSO_TIMEOUT',
    `sso: the platform sent no user context within ${timeoutMs} ms: check ` +
      'that the SSO key (Shared Secret) of the app has been generated in ' +
      'the developer portal, and that the frame origin is one of ' +
      `${allowedOrigins.join(', ') || '(none configured)'}`,
  )
}

import type { ShellBehaviour } from '../shell/shell-behaviour.js'
import type { Company } from '../state/entities.js'
import { isLocalhostName, whitelabelOriginOf } from './whitelabel-host.js'

/**
 * The loopback host name that is the stand-in for the platform's own app
 * host, `app.gohighlevel.com`. Chromium resolves every `*.localhost` name to
 * 127.0.0.1 by itself, so no hosts file entry is needed.
 */
export const platformAppHost = 'app.gohighlevel.localhost'

/**
 * Returns the stand-in origin of the platform's own app UI: the
 * sandbox's own origin under the `sandbox` setting, and `platformAppHost`
 * on the sandbox's port otherwise. `hoopkit dev` passes it to the backend
 * as `HOOPAI_APP_ORIGINS`.
 */
export function platformAppOrigin(
  behaviour: Pick<ShellBehaviour, 'framingParentOrigin'>,
  sandboxUrl: string,
): string {
  const sandbox = new URL(sandboxUrl)
  if (behaviour.framingParentOrigin === 'sandbox') {
    return sandbox.origin
  }
  return `http://${platformAppHost}:${sandbox.port}`
}

/**
 * Returns the origin that serves the app shell, and so frames the custom
 * page and the widgets, for users of this company. Under `white-label` it
 * is the company's white-label domain, under `platform` the platform's app
 * host and under `sandbox` the sandbox's own origin.
 */
export function shellOrigin(
  company: Company,
  behaviour: Pick<ShellBehaviour, 'framingParentOrigin'>,
  sandboxUrl: string,
): string {
  const domain = company.whitelabelDomain
  if (behaviour.framingParentOrigin !== 'white-label' || domain === null) {
    return platformAppOrigin(behaviour, sandboxUrl)
  }
  // NOTE: the sandbox can serve only `*.localhost` names, so a company
  // whose white-label domain is a real domain gets the platform's host.
  if (!isLocalhostName(domain)) {
    return platformAppOrigin(behaviour, sandboxUrl)
  }
  return whitelabelOriginOf(domain, sandboxUrl)
}

import { SsoCipher } from '@hoopkit/core'
import { servedWhitelabelDomain } from '../framing/whitelabel-host.js'
import type {
  Company,
  Location,
  RegisteredApp,
  User,
} from '../state/entities.js'
import type { ShellBehaviour } from './shell-behaviour.js'

/** The user at the shell and the view: the agency or one sub-account. */
export interface ShellViewer {
  user: User
  company: Company
  /** The sub-account in view, or `null` for the agency view. */
  location: Location | null
}

/**
 * Builds the decrypted SSO payload for the user in view, with the field
 * names the platform uses. An agency user in a sub-account view gets that
 * sub-account as `activeLocation`. The white-label domain is the one the
 * sandbox at `sandboxUrl` serves; see `servedWhitelabelDomain`.
 */
export function ssoPayloadFields(
  viewer: ShellViewer,
  app: RegisteredApp,
  behaviour: ShellBehaviour,
  sandboxUrl: string,
): Record<string, unknown> {
  const { user, company, location } = viewer
  const domain = servedWhitelabelDomain(company.whitelabelDomain, sandboxUrl)
  const fields: Record<string, unknown> = {
    userId: user.id,
    companyId: company.id,
    role: user.role,
    type: location === null ? 'agency' : behaviour.ssoLocationType,
    userName: user.name,
    email: user.email,
    isAgencyOwner: user.type === 'agency' && user.role === 'admin',
    versionId: app.versionId,
    appStatus: 'live',
    whitelabelDetails: {
      domain: domain ?? '',
      logoUrl: '',
    },
  }
  if (location !== null) {
    fields['activeLocation'] = location.id
  } else if (behaviour.ssoEmptyFields) {
    fields['activeLocation'] = ''
  }
  return fields
}

/**
 * Encrypts the payload with the app's SSO key in the CryptoJS passphrase
 * format, as the platform does. Returns `null` when the shell must not
 * reply, because the app has no key and the setting is `no-reply`.
 */
export function encryptedSsoPayload(
  viewer: ShellViewer,
  app: RegisteredApp,
  behaviour: ShellBehaviour,
  sandboxUrl: string,
): string | null {
  if (app.ssoKey === null) {
    return behaviour.ssoWithoutSharedSecret === 'no-reply' ? null : ''
  }
  const fields = ssoPayloadFields(viewer, app, behaviour, sandboxUrl)
  return new SsoCipher(app.ssoKey).encrypt(JSON.stringify(fields))
}

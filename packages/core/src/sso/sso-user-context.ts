import { z } from 'zod'
import { HoopkitError } from '../errors/hoopkit-error.js'
import type { SsoCipher } from './sso-cipher.js'

// The platform sends "" for fields it has no value for, such as
// `activeLocation` in an agency context, so "" reads as absent.
const optionalText = z.preprocess(
  (value) => (value === '' || value === null ? undefined : value),
  z.string().optional(),
)

/** The decrypted SSO payload, with the field names the platform uses. */
export const ssoPayloadSchema = z.object({
  userId: z.string().min(1),
  companyId: optionalText,
  role: z.enum(['admin', 'user']),
  type: z.string(),
  userName: z.string().default(''),
  email: z.string().default(''),
  activeLocation: optionalText,
  isAgencyOwner: z.boolean().optional(),
  versionId: optionalText,
  appStatus: optionalText,
  whitelabelDetails: z
    .object({ domain: optionalText, logoUrl: optionalText })
    .optional(),
})

export type SsoPayload = z.infer<typeof ssoPayloadSchema>

/**
 * The user in view and the tenant they act in. `kind` is `location` when
 * the payload has an active location, whatever its `type` field says,
 * because the platform has sent `type: "agency"` in sub-account views.
 */
export interface SsoUserContext {
  kind: 'location' | 'agency'
  userId: string
  companyId: string | null
  locationId: string | null
  role: 'admin' | 'user'
  userName: string
  email: string
  isAgencyOwner: boolean
  versionId: string | null
  appStatus: string | null
  whitelabelDomain: string | null
}

export type SsoReadResult =
  | { ok: true; context: SsoUserContext }
  | { ok: false; error: HoopkitError }

/**
 * Decrypts and validates one SSO payload. Every failure comes back as a
 * result with a 401 error, never as a throw and never half parsed.
 */
export function readSsoPayload(
  cipher: SsoCipher,
  payload: string,
): SsoReadResult {
  let text: string
  try {
    text = cipher.decrypt(payload)
  } catch (error) {
    return { ok: false, error: HoopkitError.from(error) }
  }

  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return {
      ok: false,
      error: new HoopkitError(
        'SSO_DECRYPT_FAILED',
        'sso payload: the decrypted text is not JSON: check that ' +
          'HOOPAI_SSO_KEY is the Shared Secret of this app',
        { cause: error },
      ),
    }
  }

  return parseSsoUserContext(json)
}

/** Validates decrypted payload JSON and decides the kind of context. */
export function parseSsoUserContext(json: unknown): SsoReadResult {
  const parsed = ssoPayloadSchema.safeParse(json)
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.'))
    return {
      ok: false,
      error: new HoopkitError(
        'SSO_PAYLOAD_INVALID',
        `sso payload: expected the platform's user fields, got invalid ` +
          `or missing ${fields.join(', ')}`,
        { details: { fields } },
      ),
    }
  }

  const payload = parsed.data
  if (payload.companyId === undefined && payload.activeLocation === undefined) {
    return {
      ok: false,
      error: new HoopkitError(
        'SSO_PAYLOAD_INVALID',
        'sso payload: expected a companyId or an activeLocation, got ' +
          'neither, so the user has no tenant',
      ),
    }
  }
  return { ok: true, context: toUserContext(payload) }
}

function toUserContext(payload: SsoPayload): SsoUserContext {
  const locationId = payload.activeLocation ?? null
  return {
    kind: locationId === null ? 'agency' : 'location',
    userId: payload.userId,
    companyId: payload.companyId ?? null,
    locationId,
    role: payload.role,
    userName: payload.userName,
    email: payload.email,
    isAgencyOwner: payload.isAgencyOwner ?? false,
    versionId: payload.versionId ?? null,
    appStatus: payload.appStatus ?? null,
    whitelabelDomain: payload.whitelabelDetails?.domain ?? null,
  }
}

import { HoopkitError } from '../errors/hoopkit-error.js'

/**
 * Origins of the platform's own app UI that frame custom pages.
 *
 * NOTE: the platform documents no list of framing origins, so these
 * defaults are an estimate; white-label editions such as HoopAI frame from
 * their own domains, which go in HOOPKIT_FRAME_ANCESTORS.
 */
export const defaultPlatformAppOrigins: readonly string[] = [
  'https://app.gohighlevel.com',
  'https://*.gohighlevel.com',
  'https://*.leadconnectorhq.com',
]

// A host source as CSP allows it, with an optional leading `*.` wildcard
// and an optional port, which may be `*` (any port, as in local dev).
const sourcePattern =
  /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:(\d{1,5}|\*))?$/i
const hostPattern = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i
const localhostPattern = /^([a-z0-9-]+\.)+localhost$/

export interface FrameAncestorsOptions {
  /** @default defaultPlatformAppOrigins */
  platformOrigins?: readonly string[]
  /** More origins allowed to frame every page, such as white-label domains. */
  extraOrigins?: readonly string[]
}

/**
 * Builds the `Content-Security-Policy: frame-ancestors` values: framed pages
 * allow the platform, the configured extra origins and the install's
 * white-label domain, and every other response allows no frame at all.
 * `X-Frame-Options` is never used, since its `ALLOW-FROM` form is ignored
 * by current browsers and its other forms block white-label domains.
 */
export class FrameAncestors {
  readonly #origins: readonly string[]

  constructor(options: FrameAncestorsOptions = {}) {
    const origins = [
      ...(options.platformOrigins ?? defaultPlatformAppOrigins),
      ...(options.extraOrigins ?? []),
    ]
    for (const origin of origins) {
      if (!sourcePattern.test(origin)) {
        throw new HoopkitError(
          'CONFIG_INVALID',
          `frame ancestors: expected an origin such as ` +
            `https://crm.example.com or https://*.example.com, got ` +
            `"${origin}": fix HOOPKIT_FRAME_ANCESTORS`,
        )
      }
    }
    this.#origins = Object.freeze([...new Set(origins)])
  }

  /** Parses a list separated by spaces or commas, as env variables hold it. */
  static parseList(value: string | undefined): string[] {
    return (value ?? '').split(/[\s,]+/).filter((entry) => entry.length > 0)
  }

  /** The origins that may frame a page of the install with this domain. */
  allowedOrigins(whitelabelDomain: string | null = null): string[] {
    const whitelabel = whitelabelOrigin(whitelabelDomain)
    if (whitelabel === null || this.#origins.includes(whitelabel)) {
      return [...this.#origins]
    }
    return [...this.#origins, whitelabel]
  }

  /** The CSP value for a page that the platform frames. */
  framedPolicy(whitelabelDomain: string | null = null): string {
    return `frame-ancestors ${this.allowedOrigins(whitelabelDomain).join(' ')}`
  }

  /** The CSP value for every response that no one may frame. */
  static readonly deniedPolicy = "frame-ancestors 'none'"
}

/**
 * Turns a stored white-label domain (`crm.agency.com`, `crm.agency.com:8443`
 * or a URL) into an origin, or `null` when it is not a plain host, so no
 * stored value can inject other CSP directives. Real domains always become
 * https origins. `localhost` and `*.localhost` names, which RFC 6761
 * reserves for loopback and which the sandbox serves over http on its own
 * port, become http origins with their port unless the stored URL has the https
 * scheme.
 */
export function whitelabelOrigin(domain: string | null): string | null {
  const trimmed = domain?.trim()
  if (!trimmed) {
    return null
  }

  // `crm.agency.com:8443` parses as a URL whose scheme is `crm.agency.com`,
  // so only a value with `://` is read as a URL.
  const url =
    trimmed.includes('://') && URL.canParse(trimmed) ? new URL(trimmed) : null
  const host = (url?.host ?? trimmed).toLowerCase()
  const bareHost = host.replace(/:\d{1,5}$/, '')
  if (isLocalhostName(bareHost)) {
    const scheme = url?.protocol === 'https:' ? 'https' : 'http'
    return `${scheme}://${host}`
  }
  if (!hostPattern.test(bareHost)) {
    return null
  }
  return `https://${host}`
}

function isLocalhostName(host: string): boolean {
  return host === 'localhost' || localhostPattern.test(host)
}

/**
 * Checks an origin against patterns such as `https://app.example.com`,
 * `https://*.example.com` or `http://127.0.0.1:*` (any port), as CSP
 * host sources read. A host wildcard covers subdomains only, so
 * `https://*.example.com` matches neither `https://example.com` nor
 * `https://example.com.evil.test`.
 */
export function matchesOrigin(
  origin: string,
  patterns: readonly string[],
): boolean {
  if (!URL.canParse(origin)) {
    return false
  }
  const actual = new URL(origin)
  return patterns.some((pattern) => matchesPattern(actual, pattern))
}

function matchesPattern(actual: URL, pattern: string): boolean {
  const wildcard = pattern.includes('://*.')
  const anyPort = pattern.endsWith(':*')
  const concrete = pattern.replace('://*.', '://').replace(/:\*$/, '')
  if (!URL.canParse(concrete)) {
    return false
  }

  const expected = new URL(concrete)
  const portMatches = anyPort || actual.port === expected.port
  if (actual.protocol !== expected.protocol || !portMatches) {
    return false
  }
  if (!wildcard) {
    return actual.hostname === expected.hostname
  }
  return actual.hostname.endsWith(`.${expected.hostname}`)
}

/**
 * Reads the origins that may frame this page from the
 * `<meta name="hoopkit-frame-origins">` tag that the backend writes into
 * each framed page, separated by spaces.
 */
export function readFrameOrigins(document: Document): string[] {
  const meta = document.querySelector('meta[name="hoopkit-frame-origins"]')
  const content = meta?.getAttribute('content') ?? ''
  return content.split(/\s+/).filter((origin) => origin.length > 0)
}

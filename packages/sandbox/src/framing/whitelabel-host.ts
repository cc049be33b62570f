const localhostName = /^(localhost|([a-z0-9-]+\.)+localhost)$/i

/** Tells whether a host name, without port, is `localhost` or below it. */
export function isLocalhostName(host: string): boolean {
  return localhostName.test(host)
}

/**
 * Returns a company's white-label domain as the sandbox sends it to apps.
 * A `*.localhost` domain gets the sandbox's port, because the sandbox
 * serves that name itself and browsers resolve it to loopback. Any other
 * domain is sent as stored, or `null` when the company has none.
 */
export function servedWhitelabelDomain(
  domain: string | null,
  sandboxUrl: string,
): string | null {
  if (domain === null || !isLocalhostName(domain)) {
    return domain
  }
  return `${domain}:${new URL(sandboxUrl).port}`
}

/**
 * Returns the origin of a white-label domain as served: plain http for a
 * `*.localhost` name on the sandbox's port, https for any other domain.
 */
export function whitelabelOriginOf(domain: string, sandboxUrl: string): string {
  if (!isLocalhostName(domain)) {
    return `https://${domain}`
  }
  return `http://${servedWhitelabelDomain(domain, sandboxUrl)}`
}

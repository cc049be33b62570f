/** The two steps of the sandbox's billing redirect page, in order. */
export interface BillingRedirectSteps {
  /** The app's callback, `redirect_uri?code=…`. */
  callbackUrl: string
  /** The app's Billing URL with the platform's query. */
  billingUrl: string
}

const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
}

/**
 * Reads the callback and Billing URLs from the sandbox's billing redirect
 * page, so a test without a browser follows them as the page's script
 * does. Throws when either URL is missing, as on an error page.
 */
export function readBillingRedirect(page: string): BillingRedirectSteps {
  return {
    callbackUrl: dataAttribute(page, 'callback-url'),
    billingUrl: dataAttribute(page, 'billing-url'),
  }
}

function dataAttribute(page: string, name: string): string {
  const match = new RegExp(`data-${name}="([^"]*)"`).exec(page)
  if (match?.[1] === undefined) {
    throw new Error(
      `billing redirect page: data-${name} not found in ${page.slice(0, 200)}`,
    )
  }
  return match[1].replace(/&(amp|lt|gt|quot|#39);/g, (entity) => {
    return entities[entity] ?? entity
  })
}

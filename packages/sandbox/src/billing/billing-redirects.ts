import { randomUUID } from 'node:crypto'

/**
 * One paid install on its way from the consent to the app's Billing URL:
 * the callback URL that carries the authorization code comes first, then
 * the Billing URL with the install's query.
 */
export interface BillingRedirect {
  id: string
  appName: string
  /** `redirect_uri?code=…`, as the consent would redirect a free install. */
  callbackUrl: string
  /** The code in `callbackUrl`, to tell whether the app exchanged it. */
  code: string
  billingUrl: string
}

/**
 * The billing redirects that consents created, by id. They stay in
 * memory, like the authorization codes they carry.
 */
export class BillingRedirects {
  readonly #redirects = new Map<string, BillingRedirect>()

  add(fields: Omit<BillingRedirect, 'id'>): BillingRedirect {
    const redirect = { ...fields, id: randomUUID() }
    this.#redirects.set(redirect.id, redirect)
    return redirect
  }

  get(id: string): BillingRedirect | undefined {
    return this.#redirects.get(id)
  }
}

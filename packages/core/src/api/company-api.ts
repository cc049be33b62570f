import type { CallOptions } from './api-transport.js'
import {
  type CreateCustomMenuBody,
  customMenuEndpoints as e,
  type ListCustomMenusQuery,
  type UpdateCustomMenuBody,
} from './endpoints/custom-menu-endpoints.js'
import { marketplaceEndpoints } from './endpoints/marketplace-endpoints.js'
import type { ScopedSender } from './scoped-sender.js'

/** Custom menu links of one agency. */
export class CustomMenusApi {
  readonly #send: ScopedSender

  constructor(send: ScopedSender) {
    this.#send = send
  }

  list(query?: ListCustomMenusQuery, options?: CallOptions) {
    return this.#send(e.list, { query }, options)
  }

  get(customMenuId: string, options?: CallOptions) {
    return this.#send(e.get, { params: { customMenuId } }, options)
  }

  create(body: CreateCustomMenuBody, options?: CallOptions) {
    return this.#send(e.create, { body }, options)
  }

  update(
    customMenuId: string,
    body: UpdateCustomMenuBody,
    options?: CallOptions,
  ) {
    return this.#send(e.update, { params: { customMenuId }, body }, options)
  }

  delete(customMenuId: string, options?: CallOptions) {
    return this.#send(e.delete, { params: { customMenuId } }, options)
  }
}

/** The endpoints of one agency, called with its Company token. */
export class CompanyApi {
  readonly customMenus: CustomMenusApi
  readonly installation: {
    get(options?: CallOptions): ReturnType<CompanyApi['getInstallation']>
  }
  readonly #send: ScopedSender

  constructor(send: ScopedSender) {
    this.#send = send
    this.customMenus = new CustomMenusApi(send)
    this.installation = { get: (options) => this.getInstallation(options) }
  }

  getInstallation(options?: CallOptions) {
    return this.#send(marketplaceEndpoints.installation, {}, options)
  }
}

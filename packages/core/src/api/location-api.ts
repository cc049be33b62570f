import { WorkflowsApi } from '../workflows/workflows-api.js'
import type { CallOptions } from './api-transport.js'
import { ContactsApi } from './contacts-api.js'
import {
  type ListCustomFieldsQuery,
  locationEndpoints,
} from './endpoints/location-endpoints.js'
import {
  type CreateChargeBody,
  type ListChargesQuery,
  marketplaceEndpoints as m,
} from './endpoints/marketplace-endpoints.js'
import { rebillingEndpoints } from './endpoints/rebilling-endpoints.js'
import { userEndpoints } from './endpoints/user-endpoints.js'
import type { ScopedSender } from './scoped-sender.js'

/** The endpoints of one sub-account, called with its Location token. */
export class LocationApi {
  readonly contacts: ContactsApi
  readonly customFields: {
    list(
      query?: ListCustomFieldsQuery,
      options?: CallOptions,
    ): ReturnType<LocationApi['listCustomFields']>
  }
  readonly users: {
    list(options?: CallOptions): ReturnType<LocationApi['listUsers']>
  }
  readonly installation: {
    get(options?: CallOptions): ReturnType<LocationApi['getInstallation']>
  }
  readonly charges: ChargesApi
  readonly workflows: WorkflowsApi
  readonly #send: ScopedSender

  constructor(send: ScopedSender) {
    this.#send = send
    this.contacts = new ContactsApi(send)
    this.customFields = {
      list: (query, options) => this.listCustomFields(query, options),
    }
    this.users = { list: (options) => this.listUsers(options) }
    this.installation = { get: (options) => this.getInstallation(options) }
    this.charges = new ChargesApi(send)
    this.workflows = new WorkflowsApi(send)
  }

  /** Reads the location itself. */
  get(options?: CallOptions) {
    return this.#send(locationEndpoints.get, {}, options)
  }

  listCustomFields(query?: ListCustomFieldsQuery, options?: CallOptions) {
    return this.#send(locationEndpoints.listCustomFields, { query }, options)
  }

  listUsers(options?: CallOptions) {
    return this.#send(userEndpoints.listByLocation, {}, options)
  }

  getInstallation(options?: CallOptions) {
    return this.#send(m.installation, {}, options)
  }

  /** Reads the plans and usage prices that the location's agency resells. */
  getRebillingConfig(options?: CallOptions) {
    return this.#send(rebillingEndpoints.get, {}, options)
  }
}

/** Wallet charges of one sub-account. Check `hasFunds` before charging. */
export class ChargesApi {
  readonly #send: ScopedSender

  constructor(send: ScopedSender) {
    this.#send = send
  }

  /** Charges the wallet; `eventId` is the key that identifies the charge. */
  create(body: CreateChargeBody, options?: CallOptions) {
    return this.#send(m.createCharge, { body }, options)
  }

  list(query?: ListChargesQuery, options?: CallOptions) {
    return this.#send(m.listCharges, { query }, options)
  }

  get(chargeId: string, options?: CallOptions) {
    return this.#send(m.getCharge, { params: { chargeId } }, options)
  }

  delete(chargeId: string, options?: CallOptions) {
    return this.#send(m.deleteCharge, { params: { chargeId } }, options)
  }

  hasFunds(options?: CallOptions) {
    return this.#send(m.hasFunds, {}, options)
  }
}

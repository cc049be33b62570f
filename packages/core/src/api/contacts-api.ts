import type { CallOptions } from './api-transport.js'
import {
  type BulkTagsType,
  contactEndpoints as e,
} from './endpoints/contact-endpoints.js'
import type {
  CreateContactBody,
  CreateNoteBody,
  ListContactsQuery,
  SearchContactsBody,
  UpdateContactBody,
  UpsertContactBody,
} from './endpoints/contact-schemas.js'
import type { ScopedSender } from './scoped-sender.js'

/**
 * Contacts ids per bulk request.
 * NOTE: the platform documents no maximum for the bulk endpoints; 100 is
 * an estimate that keeps each request small.
 */
export const bulkChunkSize = 100

/** The contacts of one location. */
export class ContactsApi {
  readonly #send: ScopedSender

  constructor(send: ScopedSender) {
    this.#send = send
  }

  get(contactId: string, options?: CallOptions) {
    return this.#send(e.get, { params: { contactId } }, options)
  }

  /** Lists contacts with `GET /contacts/`, which the platform has deprecated in favour of `search`. */
  list(query?: ListContactsQuery, options?: CallOptions) {
    return this.#send(e.list, { query }, options)
  }

  search(body: SearchContactsBody = {}, options?: CallOptions) {
    return this.#send(e.search, { body }, options)
  }

  create(body: CreateContactBody, options?: CallOptions) {
    return this.#send(e.create, { body }, options)
  }

  update(contactId: string, body: UpdateContactBody, options?: CallOptions) {
    return this.#send(e.update, { params: { contactId }, body }, options)
  }

  upsert(body: UpsertContactBody, options?: CallOptions) {
    return this.#send(e.upsert, { body }, options)
  }

  delete(contactId: string, options?: CallOptions) {
    return this.#send(e.delete, { params: { contactId } }, options)
  }

  addTags(contactId: string, tags: string[], options?: CallOptions) {
    return this.#send(
      e.addTags,
      { params: { contactId }, body: { tags } },
      options,
    )
  }

  removeTags(contactId: string, tags: string[], options?: CallOptions) {
    return this.#send(
      e.removeTags,
      { params: { contactId }, body: { tags } },
      options,
    )
  }

  listNotes(contactId: string, options?: CallOptions) {
    return this.#send(e.listNotes, { params: { contactId } }, options)
  }

  createNote(contactId: string, body: CreateNoteBody, options?: CallOptions) {
    return this.#send(e.createNote, { params: { contactId }, body }, options)
  }

  /**
   * Adds tags to many contacts through the bulk endpoint, one request per
   * `bulkChunkSize` contacts, at `bulk` priority unless `options.priority` sets another.
   */
  addTagsToMany(contactIds: string[], tags: string[], options?: CallOptions) {
    return this.#bulkTags('add', contactIds, tags, options)
  }

  removeTagsFromMany(
    contactIds: string[],
    tags: string[],
    options?: CallOptions,
  ) {
    return this.#bulkTags('remove', contactIds, tags, options)
  }

  /** Sets or clears (`null`) the business of many contacts in bulk. */
  async setBusinessOfMany(
    contactIds: string[],
    businessId: string | null,
    options?: CallOptions,
  ) {
    const results = []
    for (const ids of chunks(contactIds)) {
      results.push(
        await this.#send(
          e.bulkBusiness,
          { body: { ids, businessId } },
          bulk(options),
        ),
      )
    }
    return results
  }

  async #bulkTags(
    type: BulkTagsType,
    contactIds: string[],
    tags: string[],
    options?: CallOptions,
  ) {
    const results = []
    for (const contacts of chunks(contactIds)) {
      results.push(
        await this.#send(
          e.bulkTags,
          { params: { type }, body: { contacts, tags } },
          bulk(options),
        ),
      )
    }
    return results
  }
}

function chunks(ids: string[]): string[][] {
  const result: string[][] = []
  for (let start = 0; start < ids.length; start += bulkChunkSize) {
    result.push(ids.slice(start, start + bulkChunkSize))
  }
  return result
}

function bulk(options: CallOptions | undefined): CallOptions {
  return { priority: 'bulk', ...options }
}

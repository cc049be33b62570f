import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { routeGrant } from '../routes/route-grant.js'
import type { AccessGrant } from '../sandbox-auth.js'
import type { SandboxContext } from '../sandbox-context.js'
import type { SandboxModule } from '../sandbox-module.js'
import type { Contact } from '../state/entities.js'
import { apiRecords } from './api-records.js'
import * as input from './contact-input.js'
import { contactNoteRoutes } from './contact-note-routes.js'
import { ContactStore } from './contact-store.js'
import { contactView } from './contact-view.js'
import { denyLocation, notFound, platformInput } from './platform-input.js'

const read = {
  userType: 'Location' as const,
  scopes: ['contacts.readonly', 'contacts.write'],
  version: '2021-07-28',
}
const write = { ...read, scopes: ['contacts.write'] }

type Params = { contactId: string }

/** Serves the contacts routes over the sandbox's contacts. */
export const contactRoutes: SandboxModule = (server, context) => {
  const store = new ContactStore(context)
  const records = apiRecords(context)
  const view = (contact: Contact) => contactView(contact, records)

  server.get('/contacts/', async (request, reply) => {
    const grant = routeGrant(request, reply, context, read)
    const query =
      grant && platformInput(input.listContactsInput, request.query, reply)
    if (!grant || !query) return reply
    if (query.locationId !== grant.locationId) return denyLocation(reply)

    const all = store.matching(query.locationId, query.query)
    const start = query.startAfterId
      ? all.findIndex((contact) => contact.id === query.startAfterId) + 1
      : 0
    const page = all.slice(start, start + query.limit)
    return { contacts: page.map(view), count: all.length }
  })

  server.post('/contacts/search', async (request, reply) => {
    const grant = routeGrant(request, reply, context, read)
    const body =
      grant && platformInput(input.searchContactsInput, request.body, reply)
    if (!grant || !body) return reply
    if (body.locationId !== grant.locationId) return denyLocation(reply)

    const all = store.matching(body.locationId, body.query)
    const start = (body.page - 1) * body.pageLimit
    const page = all.slice(start, start + body.pageLimit)
    return { contacts: page.map(view), total: all.length }
  })

  server.post('/contacts/', async (request, reply) => {
    const grant = routeGrant(request, reply, context, write)
    const body =
      grant && platformInput(input.createContactInput, request.body, reply)
    if (!grant || !body) return reply
    if (body.locationId !== grant.locationId) return denyLocation(reply)

    const { locationId, ...fields } = body
    const duplicate = store.duplicateOf(locationId, fields)
    if (duplicate) {
      return reply.code(400).send({
        statusCode: 400,
        message: 'This location does not allow duplicated contacts.',
        meta: { contactId: duplicate.id, matchingField: 'email' },
      })
    }
    return reply
      .code(201)
      .send({ contact: view(store.create(locationId, fields)) })
  })

  server.post('/contacts/upsert', async (request, reply) => {
    const grant = routeGrant(request, reply, context, write)
    const body =
      grant && platformInput(input.upsertContactInput, request.body, reply)
    if (!grant || !body) return reply
    if (body.locationId !== grant.locationId) return denyLocation(reply)

    const { locationId, createNewIfDuplicateAllowed, ...fields } = body
    const existing = createNewIfDuplicateAllowed
      ? undefined
      : store.duplicateOf(locationId, fields)
    const contact = existing
      ? store.update(existing, fields)
      : store.create(locationId, fields)
    return {
      new: existing === undefined,
      contact: view(contact),
      traceId: request.id,
    }
  })

  const withContact = (
    scopes: typeof read,
    handle: (
      contact: Contact,
      request: FastifyRequest<{ Params: Params }>,
      reply: FastifyReply,
      grant: AccessGrant,
    ) => unknown,
  ) => {
    return async (
      request: FastifyRequest<{ Params: Params }>,
      reply: FastifyReply,
    ) => {
      const grant = routeGrant(request, reply, context, scopes)
      if (!grant || !platformInput(input.noQuery, request.query, reply))
        return reply
      const contact = store.find(
        grant.locationId ?? '',
        request.params.contactId,
      )
      if (!contact) {
        return notFound(
          reply,
          `Contact with id ${request.params.contactId} not found`,
        )
      }
      return handle(contact, request, reply, grant)
    }
  }

  server.get<{ Params: Params }>(
    '/contacts/:contactId',
    withContact(read, (contact) => ({ contact: view(contact) })),
  )

  server.put<{ Params: Params }>(
    '/contacts/:contactId',
    withContact(write, (contact, request, reply) => {
      const body = platformInput(input.updateContactInput, request.body, reply)
      if (!body) return reply
      return { succeded: true, contact: view(store.update(contact, body)) }
    }),
  )

  server.delete<{ Params: Params }>(
    '/contacts/:contactId',
    withContact(write, (contact) => {
      store.delete(contact)
      return { succeded: true }
    }),
  )

  server.post<{ Params: Params }>(
    '/contacts/:contactId/tags',
    withContact(write, (contact, request, reply) => {
      const body = platformInput(input.tagsInput, request.body, reply)
      if (!body) return reply
      store.setTags(contact, [...contact.tags, ...body.tags])
      return reply.code(201).send({ tags: contact.tags })
    }),
  )

  server.delete<{ Params: Params }>(
    '/contacts/:contactId/tags',
    withContact(write, (contact, request, reply) => {
      const body = platformInput(input.tagsInput, request.body, reply)
      if (!body) return reply
      store.setTags(
        contact,
        contact.tags.filter((tag) => !body.tags.includes(tag)),
      )
      return { tags: contact.tags }
    }),
  )

  contactNoteRoutes(server, context, { read, write, store })
  bulkRoutes(server, context, store)
}

function bulkRoutes(
  server: FastifyInstance,
  context: SandboxContext,
  store: ContactStore,
): void {
  server.post<{ Params: { type: string } }>(
    '/contacts/bulk/tags/update/:type',
    async (request, reply) => {
      const grant = routeGrant(request, reply, context, write)
      const body =
        grant && platformInput(input.bulkTagsInput, request.body, reply)
      if (!grant || !body) return reply
      if (body.locationId !== grant.locationId) return denyLocation(reply)
      const { type } = request.params
      if (type !== 'add' && type !== 'remove') {
        return reply.code(422).send({
          statusCode: 422,
          message: ['type must be one of the following values: add, remove'],
          error: 'Unprocessable Entity',
        })
      }

      const responses = body.contacts.map((contactId) => {
        const contact = store.find(body.locationId, contactId)
        if (!contact) {
          return {
            contactId,
            message: 'contact does not belong to location',
            type: 'error',
          }
        }
        const oldTags = [...contact.tags]
        const next = bulkTags(type, oldTags, body.tags, body.removeAllTags)
        store.setTags(contact, next)
        return {
          contactId,
          message: 'Tags updated',
          type: 'success',
          oldTags,
          tagsAdded: next.filter((tag) => !oldTags.includes(tag)),
          tagsRemoved: oldTags.filter((tag) => !next.includes(tag)),
        }
      })
      const errorCount = responses.filter((r) => r.type === 'error').length
      return reply
        .code(201)
        .send({ succeded: errorCount === 0, errorCount, responses })
    },
  )

  server.post('/contacts/bulk/business', async (request, reply) => {
    const grant = routeGrant(request, reply, context, write)
    const body =
      grant && platformInput(input.bulkBusinessInput, request.body, reply)
    if (!grant || !body) return reply
    if (body.locationId !== grant.locationId) return denyLocation(reply)

    const records = apiRecords(context)
    const ids = body.ids.filter((id) => store.find(body.locationId, id))
    for (const id of ids) {
      if (body.businessId === null) {
        records.businessOf.delete(id)
      } else {
        records.businessOf.set(id, body.businessId)
      }
    }
    return { success: true, ids }
  })
}

function bulkTags(
  type: 'add' | 'remove',
  current: string[],
  tags: string[],
  removeAll: boolean | undefined,
): string[] {
  if (type === 'add') {
    return [...new Set([...current, ...tags])]
  }
  return removeAll ? [] : current.filter((tag) => !tags.includes(tag))
}

import type { FastifyInstance } from 'fastify'
import type { GrantRequirements } from '../routes/route-grant.js'
import { routeGrant } from '../routes/route-grant.js'
import type { SandboxContext } from '../sandbox-context.js'
import { platformId } from '../state/sandbox-ids.js'
import { apiRecords } from './api-records.js'
import { noQuery, noteInput } from './contact-input.js'
import type { ContactStore } from './contact-store.js'
import { notFound, platformInput } from './platform-input.js'

type Params = { contactId: string }

/** `GET` and `POST /contacts/{contactId}/notes`. */
export function contactNoteRoutes(
  server: FastifyInstance,
  context: SandboxContext,
  access: {
    read: GrantRequirements
    write: GrantRequirements
    store: ContactStore
  },
): void {
  const records = apiRecords(context)

  server.get<{ Params: Params }>(
    '/contacts/:contactId/notes',
    async (request, reply) => {
      const grant = routeGrant(request, reply, context, access.read)
      if (!grant || !platformInput(noQuery, request.query, reply)) return reply
      const contact = access.store.find(
        grant.locationId ?? '',
        request.params.contactId,
      )
      if (!contact)
        return notFound(
          reply,
          `Contact with id ${request.params.contactId} not found`,
        )

      return { notes: records.notesOf(contact.id) }
    },
  )

  server.post<{ Params: Params }>(
    '/contacts/:contactId/notes',
    async (request, reply) => {
      const grant = routeGrant(request, reply, context, access.write)
      const body = grant && platformInput(noteInput, request.body, reply)
      if (!grant || !body) return reply
      const contact = access.store.find(
        grant.locationId ?? '',
        request.params.contactId,
      )
      if (!contact)
        return notFound(
          reply,
          `Contact with id ${request.params.contactId} not found`,
        )

      const note = {
        id: platformId(),
        contactId: contact.id,
        body: body.body,
        userId: body.userId ?? null,
        title: body.title ?? null,
        color: body.color ?? null,
        pinned: body.pinned ?? false,
        dateAdded: new Date(context.clock.now()).toISOString(),
      }
      records.notes.set(note.id, note)
      return reply.code(201).send({ note })
    },
  )
}

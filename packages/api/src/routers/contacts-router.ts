import type { Contact } from '@hoopkit/core'
import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { locationProcedure } from '../tenant/session-procedure.js'
import { router } from '../trpc.js'

/** The fields the custom page and the contact widget show. */
export interface ContactView {
  id: string
  name: string
  firstName: string | null
  lastName: string | null
  email: string | null
  phone: string | null
  tags: string[]
  dateAdded: string | null
}

const contactChanges = z
  .object({
    firstName: z.string().trim().max(100).optional(),
    lastName: z.string().trim().max(100).optional(),
    email: z.email().max(254).or(z.literal('')).optional(),
    phone: z.string().trim().max(40).optional(),
    tags: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, {
    message: 'expected at least one field to change',
  })

export const contactsRouter = router({
  /** Lists the sub-account's contacts, optionally matching a search. */
  list: locationProcedure
    .input(
      z.object({
        query: z.string().trim().max(100).optional(),
        page: z.number().int().min(1).max(1000).default(1),
        pageLimit: z.number().int().min(1).max(100).default(20),
      }),
    )
    .query(async ({ ctx, input }) => {
      const location = ctx.deps.platform.location(ctx.locationId, {
        companyId: ctx.companyId,
      })
      const result = await location.contacts.search({
        query: input.query || undefined,
        page: input.page,
        pageLimit: input.pageLimit,
      })
      const contacts = result.contacts.filter((contact) =>
        inLocation(contact, ctx.locationId),
      )
      return {
        contacts: contacts.map(toView),
        total: result.total ?? contacts.length,
        page: input.page,
        pageLimit: input.pageLimit,
      }
    }),

  get: locationProcedure
    .input(z.object({ contactId: z.string().min(1).max(64) }))
    .query(async ({ ctx, input }) => {
      const location = ctx.deps.platform.location(ctx.locationId, {
        companyId: ctx.companyId,
      })
      const { contact } = await location.contacts.get(input.contactId)
      assertInLocation(contact, ctx.locationId)
      return { contact: toView(contact) }
    }),

  /** Changes the contact in view, from the contact sidebar widget. */
  update: locationProcedure
    .input(
      z.object({
        contactId: z.string().min(1).max(64),
        changes: contactChanges,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const location = ctx.deps.platform.location(ctx.locationId, {
        companyId: ctx.companyId,
      })
      // The contact is read first, so a contact id of another location
      // is rejected here even if the platform would accept the write.
      const current = await location.contacts.get(input.contactId)
      assertInLocation(current.contact, ctx.locationId)

      const updated = await location.contacts.update(
        input.contactId,
        input.changes,
      )
      const contact = updated.contact ?? {
        ...current.contact,
        ...input.changes,
      }
      return { contact: toView(contact) }
    }),
})

function inLocation(contact: Contact, locationId: string): boolean {
  return contact.locationId === undefined || contact.locationId === null
    ? true
    : contact.locationId === locationId
}

function assertInLocation(contact: Contact, locationId: string): void {
  if (!inLocation(contact, locationId)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `contacts: contact ${contact.id} belongs to another location, not ${locationId}`,
    })
  }
}

function toView(contact: Contact): ContactView {
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ')
  return {
    id: contact.id,
    name:
      contact.contactName ||
      contact.name ||
      name ||
      contact.email ||
      contact.id,
    firstName: contact.firstName ?? null,
    lastName: contact.lastName ?? null,
    email: contact.email ?? null,
    phone: contact.phone ?? null,
    tags: contact.tags ?? [],
    dateAdded: contact.dateAdded ?? null,
  }
}

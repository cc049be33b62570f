import { z } from 'zod'
import { apiVersion20210728, defineEndpoint } from '../api-endpoint.js'
import { flag, number, text } from '../response-fields.js'

export const installationDetailsSchema = z.looseObject({
  companyId: text,
  locationId: text,
  companyName: text,
  companyEmail: text,
  companyOwnerFullName: text,
  relationshipNumber: text,
  userId: text,
  isWhitelabelCompany: flag,
  whitelabelDetails: z.looseObject({ domain: text, logoUrl: text }).nullish(),
  companyPlan: text,
  companyHighLevelPlan: text,
  marketplaceAppPlanId: text,
})
export type InstallationDetails = z.infer<typeof installationDetailsSchema>

export const chargeSchema = z.looseObject({
  chargeId: z.string(),
  appId: text,
  meterId: text,
  entityType: text,
  entityId: text,
  units: number,
  pricePerUnit: number,
  amountCharged: number,
  currency: text,
  transactionType: text,
  refunded: flag,
  meta: z.looseObject({}).nullish(),
  createdAt: text,
  updatedAt: text,
})
export type Charge = z.infer<typeof chargeSchema>

// RaiseChargeBodyDTO; `appId` and `locationId` are filled in by the client.
export const createChargeBody = z.strictObject({
  meterId: z.string().min(1),
  eventId: z.string().min(1),
  companyId: z.string().min(1),
  description: z.string().min(1),
  units: z.number().positive(),
  price: z.number().min(0).optional(),
  userId: z.string().optional(),
  eventTime: z.string().optional(),
})
export type CreateChargeBody = z.input<typeof createChargeBody>

export const listChargesQuery = z.strictObject({
  meterId: z.string().optional(),
  eventId: z.string().optional(),
  userId: z.string().optional(),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  skip: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).optional(),
})
export type ListChargesQuery = z.input<typeof listChargesQuery>

// The spec pins no `Version` on the charges endpoints, so none is sent.
const charges = {
  version: null,
  tokenKinds: ['Location'],
  family: 'charges',
} as const

/** Marketplace endpoints: the app's installation and wallet charges. */
export const marketplaceEndpoints = {
  installation: defineEndpoint({
    id: 'installations.get',
    method: 'GET',
    path: '/marketplace/app/{appId}/installations',
    version: apiVersion20210728,
    tokenKinds: ['Location', 'Company'],
    scope: 'marketplace-installer-details.readonly',
    inject: [{ in: 'path', name: 'appId', from: 'appId' }],
    response: z.looseObject({ installationDetails: installationDetailsSchema }),
    family: 'installations',
  }),
  createCharge: defineEndpoint({
    ...charges,
    id: 'charges.create',
    method: 'POST',
    path: '/marketplace/billing/charges',
    scope: 'charges.write',
    inject: [
      { in: 'body', name: 'appId', from: 'appId' },
      { in: 'body', name: 'locationId', from: 'resourceId' },
    ],
    body: createChargeBody,
    // The charge id is the one field a caller cannot do without.
    response: z.looseObject({ success: flag, chargeId: z.string().min(1) }),
  }),
  listCharges: defineEndpoint({
    ...charges,
    id: 'charges.list',
    method: 'GET',
    path: '/marketplace/billing/charges',
    scope: 'charges.readonly',
    inject: [],
    query: listChargesQuery,
    response: z.looseObject({
      charges: z.array(chargeSchema),
      count: number,
      pagination: z
        .looseObject({ total: number, skip: number, limit: number })
        .nullish(),
    }),
  }),
  hasFunds: defineEndpoint({
    ...charges,
    id: 'charges.hasFunds',
    method: 'GET',
    path: '/marketplace/billing/charges/has-funds',
    scope: 'charges.readonly',
    inject: [],
    response: z.looseObject({ hasFunds: z.boolean() }),
  }),
  getCharge: defineEndpoint({
    ...charges,
    id: 'charges.get',
    method: 'GET',
    path: '/marketplace/billing/charges/{chargeId}',
    scope: 'charges.readonly',
    inject: [],
    response: chargeSchema,
  }),
  deleteCharge: defineEndpoint({
    ...charges,
    id: 'charges.delete',
    method: 'DELETE',
    path: '/marketplace/billing/charges/{chargeId}',
    scope: 'charges.write',
    inject: [],
    response: z.looseObject({ success: flag }),
  }),
}

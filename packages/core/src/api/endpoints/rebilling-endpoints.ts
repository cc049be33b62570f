import { z } from 'zod'
import { apiVersion20210728, defineEndpoint } from '../api-endpoint.js'
import { number, text } from '../response-fields.js'

// The spec writes some prices as strings, such as "0.01001", so both are read.
const price = z.union([z.number(), z.string()]).nullish()

export const rebillingConfigSchema = z.looseObject({
  plans: z.looseObject({
    subscription: z
      .array(
        z.looseObject({
          planId: text,
          name: text,
          baseAmount: number,
          resellingAmount: number,
          paymentType: text,
        }),
      )
      .nullish(),
    usage: z
      .array(
        z.looseObject({
          productType: text,
          meterId: text,
          meterName: text,
          priceType: text,
          fixedPricePerUnit: price,
          minPricePerUnit: price,
          maxPricePerUnit: price,
          executionLimitPerCycle: number,
        }),
      )
      .nullish(),
  }),
})
export type RebillingConfig = z.infer<typeof rebillingConfigSchema>

/** The plans and usage prices that a sub-account's agency resells. */
export const rebillingEndpoints = {
  get: defineEndpoint({
    id: 'rebilling.get',
    method: 'GET',
    path: '/marketplace/app/{appId}/rebilling-config/location/{locationId}',
    version: apiVersion20210728,
    tokenKinds: ['Location'],
    scope: 'oauth.readonly',
    inject: [
      { in: 'path', name: 'appId', from: 'appId' },
      { in: 'path', name: 'locationId', from: 'resourceId' },
    ],
    response: rebillingConfigSchema,
    family: 'rebilling',
  }),
}

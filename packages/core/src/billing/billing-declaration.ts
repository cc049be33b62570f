import { z } from 'zod'
import { appUrlSchema } from '../menus/menu-link.js'

/** A subscription plan, as the app's pricing page in the portal sets it. */
export const planDeclarationSchema = z.object({
  planId: z.string().min(1),
  name: z.string().min(1),
  /** The monthly or yearly price in USD. */
  baseAmount: z.number().nonnegative(),
  paymentType: z.enum(['month', 'year', 'one_time']).default('month'),
  features: z.array(z.string()).default([]),
})

/** A usage meter, such as one execution of a premium workflow action. */
export const meterDeclarationSchema = z.object({
  meterId: z.string().min(1),
  name: z.string().min(1),
  productType: z.enum(['workflow_action', 'custom']).default('workflow_action'),
  usageUnit: z.string().min(1).default('execution'),
  priceType: z.enum(['fixed', 'dynamic']).default('fixed'),
  /** USD per unit; for a dynamic meter, the default price. */
  pricePerUnit: z.number().nonnegative(),
  minPricePerUnit: z.number().nonnegative().optional(),
  maxPricePerUnit: z.number().nonnegative().optional(),
  executionLimitPerCycle: z.number().int().positive().default(1000),
})

/**
 * The pricing of a paid app: its plans, its usage meters and, for external
 * billing, the Billing URL the platform sends installers to. The sandbox
 * sets up the app's pricing from it.
 */
export const billingDeclarationSchema = z.object({
  /** The Billing URL; without it, the platform bills the plans itself. */
  url: appUrlSchema.optional(),
  plans: z.array(planDeclarationSchema).default([]),
  meters: z.array(meterDeclarationSchema).default([]),
})

export type BillingDeclaration = z.output<typeof billingDeclarationSchema>
export type BillingDeclarationInput = z.input<typeof billingDeclarationSchema>

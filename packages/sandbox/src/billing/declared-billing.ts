import { type AppDeclaration, resolveAppUrl } from '@hoopkit/core'
import type { SandboxContext } from '../sandbox-context.js'
import type { AppBilling } from './billing-records.js'
import { sandboxBilling } from './sandbox-billing.js'

/**
 * Sets up an app's pricing from its declaration, as the developer does on
 * the app's pricing page: its plans, its meters and its Billing URL.
 */
export function applyDeclaredBilling(
  context: SandboxContext,
  appId: string,
  declaration: AppDeclaration,
  publicUrl: string,
): AppBilling | null {
  const declared = declaration.billing
  if (declared === undefined) {
    return null
  }

  const billing: AppBilling = {
    appId,
    billingUrl:
      declared.url === undefined
        ? null
        : resolveAppUrl(declared.url, publicUrl),
    plans: declared.plans.map((plan) => ({
      planId: plan.planId,
      name: plan.name,
      baseAmount: plan.baseAmount,
      resellingAmount: plan.baseAmount,
      paymentType: plan.paymentType,
      features: [...plan.features],
    })),
    meters: declared.meters.map((meter) => ({
      meterId: meter.meterId,
      meterName: meter.name,
      productType: meter.productType,
      productName: meter.name,
      usageUnit: meter.usageUnit,
      priceType: meter.priceType,
      fixedPricePerUnit: meter.pricePerUnit,
      minPricePerUnit: meter.minPricePerUnit ?? meter.pricePerUnit,
      maxPricePerUnit: meter.maxPricePerUnit ?? meter.pricePerUnit,
      executionLimitPerCycle: meter.executionLimitPerCycle,
    })),
  }
  sandboxBilling(context).configureApp(billing)
  return billing
}

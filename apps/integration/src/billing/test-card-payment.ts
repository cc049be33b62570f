import type { PaymentStep } from '@hoopkit/core'

/** Card numbers that the example payment step accepts, by outcome. */
export const testCards = {
  succeeds: '4242424242424242',
  declined: '4000000000000002',
} as const

/**
 * Builds the example app's stand-in payment step. It charges nothing and
 * succeeds or fails by the test card number that the billing page posts.
 * The amount is the price of the plan that the installer picked, for one
 * location or agency, and a free plan completes without a card. A real
 * app calls its provider here, with `paymentId` as the provider's
 * idempotency key.
 */
export function testCardPaymentStep(): PaymentStep {
  return async ({ paymentId, plan, input }) => {
    const amount = plan?.baseAmount ?? 0
    const paymentType =
      plan?.paymentType === 'one_time' ? 'one_time' : 'recurring'
    const card = cardNumberOf(input)
    if (amount === 0 || card === testCards.succeeds) {
      return {
        status: 'COMPLETED',
        amount,
        paymentType,
        paymentId: `test_${paymentId}`,
      }
    }
    return {
      status: 'FAILED',
      amount,
      paymentType,
      failureReason:
        card === testCards.declined ? 'card declined' : 'unknown test card',
    }
  }
}

/** Reads the digits of the posted card number, without spaces or dashes. */
export function cardNumberOf(input: unknown): string {
  if (input === null || typeof input !== 'object') {
    return ''
  }
  const value = (input as Record<string, unknown>)['cardNumber']
  return typeof value === 'string' ? value.replace(/[\s-]/g, '') : ''
}

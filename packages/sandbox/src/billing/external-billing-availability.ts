import type { RegisteredApp } from '../state/entities.js'
import type { BillingBehaviour } from './billing-behaviour.js'

/**
 * The last creation day of apps that still get external billing. The
 * platform reportedly stopped offering it to apps created after this day.
 */
export const externalBillingLastCreationDay = '2026-06-17'

/**
 * Returns whether the platform offers an app external billing: always
 * for an app created on or before the last creation day, and for a later
 * or undated app only when the behaviour setting makes it available.
 */
export function offersExternalBilling(
  app: Pick<RegisteredApp, 'createdAt'> | undefined,
  behaviour: Pick<BillingBehaviour, 'externalBilling'>,
): boolean {
  if (behaviour.externalBilling === 'available') {
    return true
  }

  const createdAt = app?.createdAt
  return (
    typeof createdAt === 'string' && createdAt <= externalBillingLastCreationDay
  )
}

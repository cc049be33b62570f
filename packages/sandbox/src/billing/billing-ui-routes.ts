import type { FastifyInstance } from 'fastify'
import type { SandboxContext } from '../sandbox-context.js'
import { navigationLinks } from '../ui/layout.js'
import { signedInUser } from '../ui/signed-in-user.js'
import { renderBillingPage } from './billing-page.js'
import { changePlan } from './plan-change.js'
import { sandboxBilling } from './sandbox-billing.js'

type Fields = Record<string, string | undefined>

/**
 * Serves the sandbox's billing page and its actions: change an install's
 * plan, which sends PLAN_CHANGE, and set a sub-account's wallet balance.
 */
export function billingUiRoutes(
  server: FastifyInstance,
  context: SandboxContext,
): void {
  if (!navigationLinks.some((link) => link.href === '/ui/billing')) {
    navigationLinks.push({ href: '/ui/billing', label: 'Billing' })
  }

  server.get('/ui/billing', (request, reply) => {
    const user = signedInUser(context.state, (request.query as Fields)['as'])
    return reply.type('text/html').send(renderBillingPage(context, user.id))
  })

  server.post('/ui/billing/plan', (request, reply) => {
    const form = (request.body ?? {}) as Fields
    changePlan(context, {
      appId: form['appId'] ?? '',
      locationId: form['locationId'] ?? '',
      newPlanId: form['planId'] ?? '',
    })
    return reply.redirect(billingUrl(form), 303)
  })

  server.post('/ui/billing/behaviour', (request, reply) => {
    const form = (request.body ?? {}) as Fields
    const behaviour = sandboxBilling(context).behaviour
    behaviour.externalBilling =
      form['externalBilling'] === 'available' ? 'available' : 'unavailable'
    behaviour.requireCompanyConfirmation =
      form['requireCompanyConfirmation'] === 'true'
    behaviour.dedupeChargesByEventId = form['dedupeChargesByEventId'] === 'true'
    return reply.redirect(billingUrl(form), 303)
  })

  server.post('/ui/billing/balance', (request, reply) => {
    const form = (request.body ?? {}) as Fields
    const balance = Number(form['balance'])
    const locationId = form['locationId'] ?? ''
    if (
      Number.isFinite(balance) &&
      balance >= 0 &&
      context.state.locations.has(locationId)
    ) {
      sandboxBilling(context).setBalance(locationId, balance)
    }
    return reply.redirect(billingUrl(form), 303)
  })
}

function billingUrl(form: Fields): string {
  return form['as']
    ? `/ui/billing?as=${encodeURIComponent(form['as'])}`
    : '/ui/billing'
}

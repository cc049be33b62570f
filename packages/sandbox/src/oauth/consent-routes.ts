import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { sandboxBilling } from '../billing/sandbox-billing.js'
import type { SandboxContext } from '../sandbox-context.js'
import type { Location, User } from '../state/entities.js'
import { renderConsentError, renderConsentPage } from '../ui/consent-page.js'
import { signedInUser } from '../ui/signed-in-user.js'
import {
  type AuthorizeParameters,
  checkAuthorizeRequest,
} from './authorize-request.js'
import type { ConsentDecision } from './install-flow.js'

const authorizeParameterNames = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'version_id',
  'state',
  'loginWindowOpenMode',
]

/**
 * Serves the marketplace's consent page at `/v2/oauth/chooselocation` and the
 * legacy `/oauth/chooselocation`. `GET` shows it, and the form posts back
 * to the same path, which redirects to `redirect_uri?code=…`, or, for an
 * install that waits for external billing, to the billing redirect page.
 */
export function consentRoutes(
  server: FastifyInstance,
  context: SandboxContext,
): void {
  for (const [path, v2] of [
    ['/v2/oauth/chooselocation', true],
    ['/oauth/chooselocation', false],
  ] as const) {
    server.get(path, (request, reply) =>
      showConsent(request, reply, context, v2),
    )
    server.post(path, (request, reply) =>
      submitConsent(request, reply, context, v2),
    )
  }
}

function showConsent(
  request: FastifyRequest,
  reply: FastifyReply,
  context: SandboxContext,
  v2: boolean,
) {
  const query = request.query as AuthorizeParameters
  const check = checkAuthorizeRequest(query, { ...context, v2 })
  if (!check.ok) {
    return sendError(reply, context, check.reason)
  }

  const user = signedInUser(context.state, query['as'])
  const parameters: Record<string, string> = {}
  for (const name of authorizeParameterNames) {
    const value = query[name]
    if (typeof value === 'string') {
      parameters[name] = value
    }
  }
  return reply.type('text/html').send(
    renderConsentPage({
      app: check.app,
      user,
      users: [...context.state.users.values()],
      scopes: check.scopes,
      locations: choosableLocations(context, user),
      parameters,
      path: request.url,
      plans: sandboxBilling(context).appBilling(check.app.appId)?.plans ?? [],
      preselected:
        typeof query['preselect'] === 'string' ? query['preselect'] : null,
    }),
  )
}

function submitConsent(
  request: FastifyRequest,
  reply: FastifyReply,
  context: SandboxContext,
  v2: boolean,
) {
  const form = (request.body ?? {}) as AuthorizeParameters
  const check = checkAuthorizeRequest(form, { ...context, v2 })
  if (!check.ok) {
    return sendError(reply, context, check.reason)
  }

  const user = context.state.users.get(String(form['user_id'] ?? ''))
  if (user === undefined) {
    return sendError(
      reply,
      context,
      `Unknown user ${String(form['user_id'] ?? '(none)')}: choose a user ` +
        'in the switcher and submit the form again.',
    )
  }
  const decision = consentDecision(form, context, user)
  if (typeof decision === 'string') {
    return sendError(reply, context, decision)
  }
  const planId = chosenPlan(form, context, check.app.appId)
  if (typeof planId === 'object' && planId !== null) {
    return sendError(reply, context, planId.reason)
  }
  const { distribution } = check.app
  const kind = decision.target.kind
  if (
    (distribution === 'agency' && kind === 'locations') ||
    (distribution === 'sub-account' && kind === 'agency')
  ) {
    return sendError(
      reply,
      context,
      `${check.app.name} installs on ${distribution === 'agency' ? 'the agency' : 'sub-accounts'} only.`,
    )
  }
  const capReason = agencyCapReason(context, check.app.appId, user.companyId)
  if (capReason !== null) {
    return sendError(reply, context, capReason)
  }

  const outcome = context.installFlow.consent({
    ...decision,
    app: check.app,
    scopes: check.scopes,
    planId,
  })
  const redirect = new URL(check.app.redirectUri)
  redirect.searchParams.set('code', outcome.code)
  if (context.behaviour.echoState && check.state !== null) {
    redirect.searchParams.set('state', check.state)
  }
  if (outcome.billingUrl === null) {
    return reply.redirect(redirect.toString(), 302)
  }

  // The platform, not the app, opens the Billing URL after the callback,
  // so a page of the sandbox's own takes the browser through both.
  // NOTE: how the platform leaves the app's callback page is undocumented.
  // The sandbox requests the callback in the background instead.
  const billingRedirect = sandboxBilling(context).redirects.add({
    appName: check.app.name,
    callbackUrl: redirect.toString(),
    code: outcome.code,
    billingUrl: outcome.billingUrl,
  })
  return reply.redirect(`/oauth/billing-redirect/${billingRedirect.id}`, 303)
}

/** Reads the chosen target from the form, or returns why it is invalid. */
function consentDecision(
  form: AuthorizeParameters,
  context: SandboxContext,
  user: User,
): Omit<ConsentDecision, 'app' | 'scopes' | 'planId'> | string {
  const allowed = choosableLocations(context, user).map((l) => l.id)
  const chosen = list(form['location_id'])
  const installToFutureLocations =
    form['install_to_future_locations'] === 'true'

  if (form['target'] === 'agency') {
    if (user.type !== 'agency') {
      return 'Only agency users can install an app on the agency.'
    }
    return { user, target: { kind: 'agency' }, installToFutureLocations }
  }
  if (chosen.length === 0) {
    return 'Choose at least one sub-account, or the agency.'
  }
  const foreign = chosen.filter((id) => !allowed.includes(id))
  if (foreign.length > 0) {
    return `${user.name} has no access to sub-account ${foreign.join(', ')}.`
  }
  if (user.type === 'account' && chosen.length > 1) {
    return 'A sub-account user installs on one sub-account at a time.'
  }
  return {
    user,
    target: { kind: 'locations', locationIds: chosen },
    installToFutureLocations,
  }
}

/**
 * Reads the picked plan from the form: `null` when the form names none,
 * or the reason when the app has no such plan.
 */
function chosenPlan(
  form: AuthorizeParameters,
  context: SandboxContext,
  appId: string,
): string | null | { reason: string } {
  const value = form['plan_id']
  if (typeof value !== 'string' || value === '') {
    return null
  }
  const plans = sandboxBilling(context).appBilling(appId)?.plans ?? []
  if (!plans.some((plan) => plan.planId === value)) {
    const known = plans.map((plan) => plan.planId).join(', ') || 'none'
    return {
      reason: `Unknown plan ${value}: choose one of the app's plans (${known}).`,
    }
  }
  return value
}

/**
 * Returns why a new agency may not install the app, when the cap on
 * agencies per private app is reached, or `null` when it may.
 */
function agencyCapReason(
  context: SandboxContext,
  appId: string,
  companyId: string,
): string | null {
  const cap = context.behaviour.privateAppAgencyCap
  const agencies = new Set(
    context.installs.list(appId).map((install) => install.companyId),
  )
  if (cap === null || agencies.has(companyId) || agencies.size < cap) {
    return null
  }
  return (
    `This private app is installed on ${agencies.size} agencies, the ` +
    `maximum of ${cap}: make the app public or get it reviewed.`
  )
}

/** Lists the agency's sub-accounts for an agency user, else the user's own. */
function choosableLocations(context: SandboxContext, user: User): Location[] {
  if (user.type === 'agency') {
    return context.state.locationsOf(user.companyId)
  }
  return user.locationIds
    .map((id) => context.state.locations.get(id))
    .filter((location) => location !== undefined)
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.filter((entry) => typeof entry === 'string')
  }
  return typeof value === 'string' && value !== '' ? [value] : []
}

function sendError(
  reply: FastifyReply,
  context: SandboxContext,
  reason: string,
) {
  context.logger.info({ reason }, 'authorize request rejected')
  return reply.code(400).type('text/html').send(renderConsentError(reason))
}

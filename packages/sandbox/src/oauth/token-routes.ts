import type { FastifyInstance, FastifyReply } from 'fastify'
import type { SandboxContext } from '../sandbox-context.js'
import type { RegisteredApp } from '../state/entities.js'
import { type OAuthError, oauthErrors, sendOAuthError } from './oauth-error.js'
import { type TokenIssuer, tokenResponseBody } from './token-issuer.js'
import { readTokenRequest, type TokenRequestFields } from './token-request.js'
import { resourceIdOf } from './token-store.js'

type TokenResult =
  | { ok: true; body: Record<string, unknown>; afterReply?: () => void }
  | { ok: false; error: OAuthError }

/**
 * `POST /oauth/token`: exchanges authorization codes and rotates refresh
 * tokens. Every refresh token works once, and `client_credentials` is
 * rejected.
 */
export function tokenRoutes(
  server: FastifyInstance,
  context: SandboxContext,
  issuer: TokenIssuer,
): void {
  server.post('/oauth/token', async (request, reply) => {
    const fields = readTokenRequest(request, context.behaviour)
    const result = await handleTokenRequest(fields, context, issuer)
    if (!result.ok) {
      context.logger.info(
        { clientId: fields.client_id, status: result.error.statusCode },
        'token request rejected',
      )
      return sendOAuthError(reply, result.error, context.behaviour)
    }
    return sendAndThen(reply, result.body, result.afterReply)
  })
}

async function sendAndThen(
  reply: FastifyReply,
  body: Record<string, unknown>,
  afterReply: (() => void) | undefined,
): Promise<FastifyReply> {
  await reply.send(body)
  afterReply?.()
  return reply
}

async function handleTokenRequest(
  fields: TokenRequestFields,
  context: SandboxContext,
  issuer: TokenIssuer,
): Promise<TokenResult> {
  if (!fields.grant_type) {
    return { ok: false, error: oauthErrors.emptyGrantType }
  }
  if (!fields.client_id) {
    return { ok: false, error: oauthErrors.missingClientId }
  }
  const app = context.state.appByClientId(fields.client_id)
  if (app === undefined || fields.client_secret !== app.clientSecret) {
    return { ok: false, error: oauthErrors.invalidClient }
  }

  if (fields.grant_type === 'authorization_code') {
    return exchangeCode(fields, app, context, issuer)
  }
  if (fields.grant_type === 'refresh_token') {
    return refresh(fields, app, context, issuer)
  }
  // NOTE: the spec lists client_credentials, but what it would grant is
  // undocumented, so the sandbox always rejects it and has no setting for it.
  return { ok: false, error: oauthErrors.invalidGrantType }
}

async function exchangeCode(
  fields: TokenRequestFields,
  app: RegisteredApp,
  context: SandboxContext,
  issuer: TokenIssuer,
): Promise<TokenResult> {
  const { behaviour, clock, installFlow } = context
  const redemption = installFlow.codes.redeem(
    fields.code ?? '',
    clock.now(),
    behaviour.allowCodeReuse,
  )
  if (!redemption.ok || redemption.code.grant.clientId !== app.clientId) {
    return { ok: false, error: oauthErrors.invalidCode }
  }

  const { code } = redemption
  if (
    fields.redirect_uri !== undefined &&
    fields.redirect_uri !== code.redirectUri
  ) {
    return { ok: false, error: oauthErrors.redirectMismatch }
  }
  if (
    behaviour.userTypeAtExchange === 'must-match' &&
    fields.user_type !== undefined &&
    fields.user_type !== code.grant.userType
  ) {
    return { ok: false, error: oauthErrors.userTypeMismatch }
  }

  const tokens = await issuer.issue(
    code.grant,
    code.details,
    behaviour.accessTokenLifetimeSeconds,
  )
  noteGrant(context, app, `code exchanged for a ${code.grant.userType} token`)
  const afterReply = code.exchanges === 1 ? code.afterExchange : null
  return {
    ok: true,
    body: tokenResponseBody(tokens, code.grant, code.details, behaviour),
    ...(afterReply ? { afterReply } : {}),
  }
}

async function refresh(
  fields: TokenRequestFields,
  app: RegisteredApp,
  context: SandboxContext,
  issuer: TokenIssuer,
): Promise<TokenResult> {
  const { behaviour, clock, tokens, installs } = context
  if (behaviour.requireUserTypeOnRefresh && !fields.user_type) {
    return { ok: false, error: oauthErrors.missingUserType }
  }

  const now = clock.now()
  const record = tokens.findRefreshToken(fields.refresh_token ?? '')
  const graceMs = clock.scaled(behaviour.refreshReuseGraceSeconds * 1000)
  const reused = record?.usedAt != null && now - record.usedAt >= graceMs
  if (
    record === undefined ||
    record.grant.clientId !== app.clientId ||
    record.expiresAt <= now ||
    reused
  ) {
    return { ok: false, error: oauthErrors.invalidRefreshToken }
  }
  if (fields.user_type && fields.user_type !== record.grant.userType) {
    return { ok: false, error: oauthErrors.userTypeMismatch }
  }

  const { grant } = record
  const resourceId = resourceIdOf(grant)
  if (
    installs.isSuspended(resourceId) ||
    installs.isSuspended(grant.companyId)
  ) {
    return { ok: false, error: oauthErrors.locationInactive }
  }

  record.usedAt ??= now
  const issued = await issuer.issue(
    grant,
    record.details,
    behaviour.accessTokenLifetimeSeconds,
  )
  noteGrant(context, app, `${grant.userType} token refreshed for ${resourceId}`)
  return {
    ok: true,
    body: tokenResponseBody(issued, grant, record.details, behaviour),
  }
}

function noteGrant(
  context: SandboxContext,
  app: RegisteredApp,
  summary: string,
): void {
  context.activity.add({
    at: new Date(context.clock.now()).toISOString(),
    kind: 'token',
    appId: app.appId,
    summary,
  })
}

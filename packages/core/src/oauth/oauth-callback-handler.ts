import type { UserType } from '../db/install-tables.js'
import { HoopkitError } from '../errors/hoopkit-error.js'
import type { Logger } from '../logging/logger.js'
import type { BulkInstaller, BulkLocationResult } from './bulk-installer.js'
import type { InstallStore } from './install-store.js'
import type { OauthCodeLedger } from './oauth-code-ledger.js'
import { oauthFailureError } from './oauth-failure-error.js'
import type { TokenEndpointClient } from './token-endpoint-client.js'
import { grantExpiresAt, splitScopes, type TokenGrant } from './token-grant.js'
import type { TokenStore } from './token-store.js'
import type { TokensStoredHooks } from './tokens-stored-hooks.js'

/** What an install set up, for the onboarding page. It contains no token. */
export interface InstallSummary {
  appId: string
  userType: UserType
  resourceId: string
  companyId: string | null
  locationId: string | null
  scopes: string[]
  isBulk: boolean
  /** The locations of a bulk install, each with its own token or pending. */
  locations: BulkLocationResult[]
}

/** A failed callback, in a form that can be stored and shown. */
export interface CallbackFailure {
  code: HoopkitError['code']
  status: number
  message: string
  traceId?: string
}

export type CallbackOutcome =
  | { ok: true; install: InstallSummary }
  | { ok: false; error: CallbackFailure }

export interface OauthCallbackHandlerOptions {
  appId: string
  tokenEndpoint: TokenEndpointClient
  store: TokenStore
  installs: InstallStore
  ledger: OauthCodeLedger
  bulkInstaller: BulkInstaller
  hooks: TokensStoredHooks
  logger: Logger
  now: () => number
  /**
   * How long a repeated callback waits for the first one, in ms.
   * @default 30000
   */
  codeWaitMs?: number
}

const maxCodeLength = 512

/**
 * Finishes an install from the redirect's `?code=`. Each code is exchanged
 * once across processes: a repeated callback waits for the first and gets
 * the same outcome, so a failed second exchange never replaces an install.
 * Nothing is stored when the exchange fails.
 */
export class OauthCallbackHandler {
  readonly #options: OauthCallbackHandlerOptions

  constructor(options: OauthCallbackHandlerOptions) {
    this.#options = options
  }

  async handle(input: { code?: string | undefined }): Promise<CallbackOutcome> {
    const code = input.code?.trim() ?? ''
    if (code === '' || code.length > maxCodeLength) {
      return failed(codeMissingOrInvalid(code))
    }

    const { ledger } = this.#options
    if (!(await ledger.claim(code))) {
      return this.#awaitFirst(code)
    }

    let outcome: CallbackOutcome
    try {
      outcome = await this.#exchange(code)
    } catch (error) {
      outcome = failed(HoopkitError.from(error))
    }
    await ledger.finish(code, {
      status: outcome.ok ? 'succeeded' : 'failed',
      result: outcome,
    })
    return outcome
  }

  async #awaitFirst(code: string): Promise<CallbackOutcome> {
    const waitMs = this.#options.codeWaitMs ?? 30_000
    const first = await this.#options.ledger.waitForOutcome(code, {
      waitMs,
      pollMs: 100,
    })
    if (first) {
      return first.result as CallbackOutcome
    }
    return failed(
      new HoopkitError(
        'OAUTH_EXCHANGE_FAILED',
        'install callback: the first request with this code is still ' +
          `running after ${waitMs} ms: wait a minute, then start the ` +
          'install again from the marketplace if this page still shows it',
      ),
    )
  }

  async #exchange(code: string): Promise<CallbackOutcome> {
    const { appId, logger } = this.#options
    const result = await this.#options.tokenEndpoint.exchangeCode(code)
    if (!result.ok) {
      const error = oauthFailureError(result.failure, {
        operation: 'code exchange',
        appId,
      })
      logger.warn(
        {
          appId,
          reason: result.failure.kind,
          status: result.failure.status,
          traceId: result.failure.traceId,
        },
        'code exchange failed',
      )
      return failed(error)
    }
    return { ok: true, install: await this.#storeInstall(result.grant) }
  }

  async #storeInstall(grant: TokenGrant): Promise<InstallSummary> {
    const { appId, store, installs, hooks, logger } = this.#options
    const userType =
      grant.userType ?? (grant.locationId ? 'Location' : 'Company')
    const resourceId =
      userType === 'Location' ? grant.locationId : grant.companyId
    if (resourceId === undefined) {
      const field = userType === 'Location' ? 'locationId' : 'companyId'
      throw new HoopkitError(
        'OAUTH_EXCHANGE_FAILED',
        `code exchange: expected ${field} in the token reply, got none: ` +
          'start the install again',
      )
    }

    const isBulk = userType === 'Company' && grant.isBulkInstallation === true
    const stored = await store.put({
      appId,
      resourceId,
      userType,
      companyId: grant.companyId ?? null,
      locationId: userType === 'Location' ? resourceId : null,
      accessToken: grant.access_token,
      refreshToken: grant.refresh_token ?? null,
      expiresAt: grantExpiresAt(grant, this.#options.now()),
      scope: grant.scope ?? null,
      userId: grant.userId ?? null,
    })
    await installs.record({
      appId,
      resourceId,
      userType,
      companyId: stored.companyId,
      locationId: stored.locationId,
      status: 'active',
      scope: stored.scope,
      userId: stored.userId,
      planId: grant.planId ?? null,
      isBulk,
    })
    logger.info(
      { appId, userType, resourceId, isBulk },
      'install tokens stored',
    )
    await hooks.emit({
      appId,
      userType,
      resourceId,
      companyId: stored.companyId,
      locationId: stored.locationId,
      scope: stored.scope,
      source: 'install',
    })

    const locations = isBulk
      ? await this.#options.bulkInstaller.install({
          appId,
          companyId: resourceId,
          replaceTokensStoredBefore: stored.updatedAt,
          ...(grant.approvedLocations
            ? { approvedLocations: grant.approvedLocations }
            : {}),
        })
      : []
    return {
      appId,
      userType,
      resourceId,
      companyId: stored.companyId,
      locationId: stored.locationId,
      scopes: splitScopes(stored.scope),
      isBulk,
      locations,
    }
  }
}

function codeMissingOrInvalid(code: string): HoopkitError {
  if (code === '') {
    return new HoopkitError(
      'OAUTH_CODE_MISSING',
      'install callback: expected a code query parameter, got none: start ' +
        'the install from the marketplace, which adds it',
    )
  }
  return new HoopkitError(
    'OAUTH_CODE_INVALID',
    `install callback: expected a code of at most ${maxCodeLength} ` +
      `characters, got ${code.length}: start the install again`,
  )
}

function failed(error: HoopkitError): CallbackOutcome {
  const traceId = error.details['traceId']
  return {
    ok: false,
    error: {
      code: error.code,
      status: error.status,
      message: error.message,
      ...(typeof traceId === 'string' ? { traceId } : {}),
    },
  }
}

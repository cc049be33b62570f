import { holdInstallForBilling } from '../billing/billing-hold.js'
import { sandboxBilling } from '../billing/sandbox-billing.js'
import type { AccessGrant } from '../sandbox-auth.js'
import type { SandboxContext } from '../sandbox-context.js'
import type { RegisteredApp } from '../state/entities.js'
import {
  type AuthorizationCode,
  AuthorizationCodes,
} from './authorization-codes.js'
import {
  type ConsentDecision,
  detailsFor,
  grantFor,
  installRecords,
} from './consent-records.js'
import { type Install, resourceOf } from './install-store.js'
import { installWebhookBodies } from './install-webhooks.js'
import { resourceIdOf, type TokenDetails } from './token-store.js'

export interface ConsentOutcome {
  code: string
  grant: AccessGrant
  details: TokenDetails
  installs: Install[]
  /** A paid app's Billing URL: INSTALL waits until billing is confirmed. */
  billingUrl: string | null
}

export type { ConsentDecision } from './consent-records.js'

type FlowContext = Pick<
  SandboxContext,
  | 'state'
  | 'installs'
  | 'tokens'
  | 'events'
  | 'activity'
  | 'behaviour'
  | 'clock'
  | 'logger'
  | 'baseUrl'
>

/**
 * Installs and uninstalls apps, as the marketplace does after a consent or
 * a click on Uninstall. It records the installs, creates the authorization
 * code, sends INSTALL and UNINSTALL through the `webhook` event and revokes
 * tokens on uninstall.
 */
export class InstallFlow {
  readonly codes = new AuthorizationCodes()
  readonly #context: FlowContext

  constructor(context: FlowContext) {
    this.#context = context
  }

  consent(decision: ConsentDecision): ConsentOutcome {
    const { behaviour, clock, installs, activity } = this.#context
    const grant = grantFor(decision)
    const details = detailsFor(decision, this.#context.state)
    const records = installRecords(decision, grant, details, clock.now())
    for (const install of records) {
      installs.add(install)
    }

    const bodies = installWebhookBodies({
      app: decision.app,
      installs: records,
      state: this.#context.state,
      behaviour,
      sandboxUrl: this.#context.baseUrl(),
    })
    const sendFirst =
      behaviour.installWebhookOrder === 'install-first' ||
      (behaviour.installWebhookOrder === 'random' && Math.random() < 0.5)
    const sendWebhooks = () => {
      for (const body of bodies) {
        this.sendWebhook(decision.app.appId, body)
      }
    }
    const held = holdInstallForBilling(this.#context, {
      appId: decision.app.appId,
      installs: records,
      bodies,
      send: sendWebhooks,
      planId: decision.planId,
    })
    // A paid app's installs are on a plan now, which its tokens report.
    details.planId = sandboxBilling(this.#context).planOf(
      decision.app.appId,
      resourceIdOf(grant),
    )

    const { code } = this.codes.create({
      grant,
      details,
      redirectUri: decision.app.redirectUri,
      expiresAt:
        clock.now() + clock.scaled(behaviour.codeLifetimeSeconds * 1000),
      afterExchange: sendFirst ? null : held.send,
    })
    activity.add({
      at: new Date(clock.now()).toISOString(),
      kind: 'consent',
      appId: decision.app.appId,
      summary:
        `${decision.user.name} installed ${decision.app.name} on ` +
        records.map(resourceOf).join(', '),
    })
    if (sendFirst) {
      held.send()
    }
    return {
      code,
      grant,
      details,
      installs: records,
      billingUrl: held.billingUrl,
    }
  }

  /**
   * Creates a new authorization code for an existing install, as the
   * reconnect endpoint does. Returns `null` when the app is not installed
   * on the resource.
   */
  reconnect(app: RegisteredApp, resourceId: string): AuthorizationCode | null {
    const { installs, clock, behaviour } = this.#context
    const install = installs.find(app.appId, resourceId)
    if (install === undefined) {
      return null
    }

    const grant: AccessGrant = {
      appId: app.appId,
      clientId: app.clientId,
      userType: install.userType,
      companyId: install.companyId,
      locationId: install.locationId,
      userId: install.userId,
      scopes: [...app.scopes],
    }
    return this.codes.create({
      grant,
      details: {
        versionId: install.versionId,
        planId: null,
        isBulkInstallation: install.isBulkInstallation,
        approveAllLocations: false,
        installToFutureLocations: install.installToFutureLocations,
        approvedLocations: [],
      },
      redirectUri: app.redirectUri,
      expiresAt:
        clock.now() + clock.scaled(behaviour.codeLifetimeSeconds * 1000),
      afterExchange: null,
    })
  }

  /**
   * Uninstalls the app from an agency or sub-account: deletes the install,
   * revokes its tokens and sends UNINSTALL unless `sendWebhook` is false.
   * Returns false when the app was not installed there.
   */
  uninstall(
    appId: string,
    resourceId: string,
    options: { sendWebhook?: boolean } = {},
  ): boolean {
    const { installs, tokens, behaviour, clock, activity } = this.#context
    const install = installs.remove(appId, resourceId)
    if (install === undefined) {
      return false
    }

    const revoked = behaviour.revokeTokensOnUninstall
      ? tokens.revokeResource(appId, resourceId)
      : 0
    activity.add({
      at: new Date(clock.now()).toISOString(),
      kind: 'uninstall',
      appId,
      summary: `uninstalled from ${resourceId}, ${revoked} token(s) revoked`,
    })
    if (options.sendWebhook === false) {
      return true
    }
    this.sendWebhook(appId, {
      type: 'UNINSTALL',
      appId,
      ...(install.locationId === null
        ? { companyId: install.companyId }
        : { locationId: install.locationId }),
    })
    return true
  }

  /** Marks a sub-account or agency as suspended, or active again. */
  setSuspended(appId: string, resourceId: string, suspended: boolean): void {
    const { installs, clock, activity } = this.#context
    installs.setSuspended(resourceId, suspended)
    activity.add({
      at: new Date(clock.now()).toISOString(),
      kind: 'suspension',
      appId,
      summary: `${resourceId} ${suspended ? 'suspended' : 'active again'}`,
    })
  }

  /** Queues a webhook body for delivery and notes it in the activity log. */
  sendWebhook(appId: string, body: Record<string, unknown>): void {
    const { events, clock, activity, logger } = this.#context
    const target =
      body['locationId'] ?? body['locationIds'] ?? body['companyId']
    activity.add({
      at: new Date(clock.now()).toISOString(),
      kind: 'webhook',
      appId,
      summary: `${String(body['type'])} queued for ${String(target)}`,
    })
    logger.info({ appId, type: body['type'] }, 'webhook queued')
    events.emit('webhook', { appId, body })
  }
}

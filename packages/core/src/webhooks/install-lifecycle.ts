import type { Database } from '../db/database.js'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import type { InstallRecord } from '../oauth/install-store.js'
import type { OauthServices } from '../oauth/oauth-services.js'
import { PendingInstalls } from './pending-installs.js'
import { webhookTimeOf } from './replay-window.js'
import { UninstallCleanup } from './uninstall-cleanup.js'
import type { WebhookBody } from './webhook-body.js'
import type { WebhookHandlers } from './webhook-handlers.js'

/** The event types whose work must finish before the reply. */
export const lifecycleEventTypes: readonly string[] = ['INSTALL', 'UNINSTALL']

export type LifecycleOauth = Pick<
  OauthServices,
  'appId' | 'tokens' | 'installs' | 'refresher' | 'hooks'
>

export interface InstallLifecycleOptions {
  database: Database
  oauth: LifecycleOauth
  cleanup?: UninstallCleanup
  /**
   * Runs after an UNINSTALL was acknowledged, with the install record. It
   * gets no API client, since the tokens count as revoked at once.
   */
  onUninstall?: (install: InstallRecord) => void | Promise<void>
  logger?: Logger
  /** @default Date.now */
  now?: () => number
  /**
   * How long the records of an uninstalled install are kept before
   * `purgeUninstalled` deletes them. @default 2_592_000_000 (30 days)
   */
  retentionMs?: number
}

/**
 * Applies INSTALL and UNINSTALL webhooks to the install records and tokens.
 * An INSTALL may arrive before the code exchange, so its locations are
 * kept pending and their tokens are minted once the Company token is
 * stored. An UNINSTALL deletes the resource's tokens and runs the cleanup
 * steps before it is acknowledged, and a later INSTALL starts from scratch.
 */
export class InstallLifecycle {
  readonly cleanup: UninstallCleanup
  readonly pending: PendingInstalls
  readonly #options: InstallLifecycleOptions
  readonly #logger: Logger
  readonly #now: () => number

  constructor(options: InstallLifecycleOptions) {
    this.#options = options
    this.#logger = options.logger ?? silentLogger
    this.#now = options.now ?? Date.now
    this.cleanup = options.cleanup ?? new UninstallCleanup(this.#logger)
    this.pending = new PendingInstalls({
      database: options.database,
      oauth: options.oauth,
      logger: this.#logger,
      now: this.#now,
    })
  }

  /** The receiver's `beforeAcknowledge` step. */
  readonly beforeAcknowledge = async (event: WebhookBody): Promise<void> => {
    if (event.type === 'INSTALL') {
      await this.pending.record(event)
    }
    if (event.type === 'UNINSTALL') {
      await this.#uninstall(event)
    }
  }

  /** Adds the INSTALL and UNINSTALL handlers that run after the reply. */
  register(handlers: WebhookHandlers): void {
    handlers.on('INSTALL', async (event) => {
      await this.pending.complete(event.companyId ?? undefined)
    })
    handlers.on('UNINSTALL', async (event) => {
      const resourceId = event.locationId ?? event.companyId
      const install = resourceId
        ? await this.#options.oauth.installs.get(
            this.#options.oauth.appId,
            resourceId,
          )
        : undefined
      if (install !== undefined && install.status === 'uninstalled') {
        await this.#options.onUninstall?.(install)
      }
    })
  }

  /**
   * Completes pending installs whenever a Company token is stored, and
   * returns the function that stops listening.
   */
  listen(): () => void {
    return this.#options.oauth.hooks.onTokensStored(async (stored) => {
      if (stored.userType === 'Company') {
        await this.pending.complete(stored.resourceId)
      }
    })
  }

  /** Deletes the records of installs uninstalled longer ago than the retention. */
  async purgeUninstalled(): Promise<number> {
    const retentionMs = this.#options.retentionMs ?? 30 * 24 * 60 * 60 * 1000
    const before = this.#now() - retentionMs
    const result = await this.#options.database.db
      .deleteFrom('installs')
      .where('app_id', '=', this.#options.oauth.appId)
      .where('status', '=', 'uninstalled')
      .where('uninstalled_at', '<', before)
      .executeTakeFirst()
    const purged = Number(result.numDeletedRows)
    if (purged > 0) {
      this.#logger.info({ purged }, 'uninstalled installs purged')
    }
    return purged
  }

  async #uninstall(event: WebhookBody): Promise<void> {
    const { appId, tokens, installs } = this.#options.oauth
    const resourceId = event.locationId ?? event.companyId
    if (resourceId === null) {
      this.#logger.warn(
        { webhookId: event.webhookId },
        'UNINSTALL names no locationId or companyId, nothing to remove',
      )
      return
    }

    await tokens.delete(appId, resourceId)
    const now = this.#now()
    // The signed time, so that a late INSTALL can be compared with it on
    // the platform's clock.
    const uninstalledAt = webhookTimeOf(event.fields) ?? now
    await this.#options.database.db
      .updateTable('installs')
      .set({
        status: 'uninstalled',
        uninstalled_at: uninstalledAt,
        updated_at: now,
      })
      .where('app_id', '=', appId)
      .where('resource_id', '=', resourceId)
      .execute()

    const install = await installs.get(appId, resourceId)
    if (install !== undefined) {
      await this.cleanup.run(install)
    }
    this.#logger.info(
      { resourceId, webhookId: event.webhookId },
      'install removed and tokens deleted',
    )
  }
}

import type { Database } from '../db/database.js'
import type { InstallStatus } from '../db/install-tables.js'
import type { Logger } from '../logging/logger.js'
import type { InstallWrite } from '../oauth/install-store.js'
import type { OauthServices } from '../oauth/oauth-services.js'
import { webhookTimeOf } from './replay-window.js'
import type { WebhookBody } from './webhook-body.js'

export interface PendingInstallsOptions {
  database: Database
  oauth: Pick<OauthServices, 'appId' | 'tokens' | 'installs' | 'refresher'>
  logger: Logger
  now: () => number
}

/** The result of `complete` for one pending location. */
export interface PendingOutcome {
  locationId: string
  status: 'active' | 'pending'
  error?: string
}

/**
 * Install records written from INSTALL webhooks. A location without a
 * stored token stays `pending` until `complete` mints its token from the
 * agency's Company token. A failed mint keeps it pending for the next run.
 */
export class PendingInstalls {
  readonly #options: PendingInstallsOptions

  constructor(options: PendingInstallsOptions) {
    this.#options = options
  }

  /**
   * Creates or refreshes the install records of one INSTALL: one per
   * location, from `locationId` or `locationIds[]`, or one for the agency.
   */
  async record(event: WebhookBody): Promise<void> {
    const companyId = event.companyId ?? (await this.#onlyCompany())
    const locations = locationsOf(event)
    if (locations.length === 0) {
      if (companyId !== null && (await this.#isStale(event, companyId))) {
        return
      }
      await this.#recordCompany(event, companyId)
      return
    }

    for (const locationId of locations) {
      if (await this.#isStale(event, locationId)) {
        continue
      }
      await this.#recordLocation(event, {
        locationId,
        companyId,
        isBulk:
          locations.length > 1 || Array.isArray(event.fields['locationIds']),
      })
    }
  }

  /**
   * Mints the token of every pending location whose Company token is
   * stored, of one agency or of all. The minter sends one request per
   * location even when several calls run at once.
   */
  async complete(companyId?: string): Promise<PendingOutcome[]> {
    const { appId, tokens } = this.#options.oauth
    let query = this.#options.database.db
      .selectFrom('installs')
      .select(['resource_id', 'company_id'])
      .where('app_id', '=', appId)
      .where('user_type', '=', 'Location')
      .where('status', '=', 'pending')
    if (companyId !== undefined) {
      query = query.where('company_id', '=', companyId)
    }

    const outcomes: PendingOutcome[] = []
    for (const row of await query.execute()) {
      if (row.company_id === null) {
        continue
      }
      if ((await tokens.get(appId, row.company_id)) === undefined) {
        continue
      }
      outcomes.push(await this.#mint(row.resource_id, row.company_id))
    }
    return outcomes
  }

  async #mint(locationId: string, companyId: string): Promise<PendingOutcome> {
    const { appId, refresher, installs } = this.#options.oauth
    try {
      await refresher.accessToken({
        appId,
        userType: 'Location',
        resourceId: locationId,
        companyId,
      })
      await installs.setStatus(appId, locationId, 'active')
      return { locationId, status: 'active' }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      this.#options.logger.warn(
        { err: error, appId, companyId, locationId },
        'location token not minted; install stays pending and is retried',
      )
      await installs.setStatus(appId, locationId, 'pending', message)
      return { locationId, status: 'pending', error: message }
    }
  }

  async #recordLocation(
    event: WebhookBody,
    target: { locationId: string; companyId: string | null; isBulk: boolean },
  ): Promise<void> {
    const { appId, tokens } = this.#options.oauth
    const token = await tokens.get(appId, target.locationId)
    await this.#write(event, {
      appId,
      resourceId: target.locationId,
      userType: 'Location',
      companyId: target.companyId,
      locationId: target.locationId,
      status: token ? 'active' : 'pending',
      scope: token?.scope ?? null,
      userId: stringOrNull(event.fields['userId']),
      isBulk: target.isBulk,
    })
  }

  async #recordCompany(event: WebhookBody, companyId: string | null) {
    const { appId, tokens } = this.#options.oauth
    if (companyId === null) {
      this.#options.logger.warn(
        { webhookId: event.webhookId },
        'INSTALL names no location and no company, nothing recorded',
      )
      return
    }

    const token = await tokens.get(appId, companyId)
    await this.#write(event, {
      appId,
      resourceId: companyId,
      userType: 'Company',
      companyId,
      locationId: null,
      status: token ? 'active' : 'pending',
      scope: token?.scope ?? null,
      userId: stringOrNull(event.fields['userId']),
    })
  }

  /** Writes the record, then the INSTALL facts that the store leaves out. */
  async #write(
    event: WebhookBody,
    write: InstallWrite & { status: InstallStatus },
  ) {
    const { fields } = event
    await this.#options.oauth.installs.record({
      ...write,
      ...(typeof fields['planId'] === 'string'
        ? { planId: fields['planId'] }
        : {}),
      ...(typeof fields['versionId'] === 'string'
        ? { versionId: fields['versionId'] }
        : {}),
    })

    const details = fields['whitelabelDetails'] as
      | { domain?: unknown }
      | undefined
    await this.#options.database.db
      .updateTable('installs')
      .set({
        company_name: stringOrNull(fields['companyName']),
        whitelabel_domain: stringOrNull(details?.domain),
        trial_json:
          fields['trial'] === undefined
            ? null
            : JSON.stringify(fields['trial']),
      })
      .where('app_id', '=', write.appId)
      .where('resource_id', '=', write.resourceId)
      .execute()
  }

  /**
   * Tells whether an INSTALL was sent before the resource's UNINSTALL, as a
   * late retry of a delivery that failed. Recording it would install the
   * resource again, and mint its token, against the installer's wish.
   */
  async #isStale(event: WebhookBody, resourceId: string): Promise<boolean> {
    const sentAt = webhookTimeOf(event.fields)
    const row = await this.#options.database.db
      .selectFrom('installs')
      .select(['status', 'uninstalled_at'])
      .where('app_id', '=', this.#options.oauth.appId)
      .where('resource_id', '=', resourceId)
      .executeTakeFirst()
    const uninstalledAt =
      row?.status === 'uninstalled' && row.uninstalled_at !== null
        ? Number(row.uninstalled_at)
        : undefined
    if (sentAt === undefined || uninstalledAt === undefined) {
      return false
    }
    if (sentAt >= uninstalledAt) {
      return false
    }

    this.#options.logger.info(
      { webhookId: event.webhookId, resourceId, sentAt, uninstalledAt },
      'INSTALL sent before the UNINSTALL ignored',
    )
    return true
  }

  /**
   * Finds the agency of a future-location INSTALL that names none: the only
   * agency with a stored Company token, or `null` when there are several.
   */
  async #onlyCompany(): Promise<string | null> {
    const rows = await this.#options.database.db
      .selectFrom('tokens')
      .select('resource_id')
      .where('app_id', '=', this.#options.oauth.appId)
      .where('user_type', '=', 'Company')
      .limit(2)
      .execute()
    return rows.length === 1 ? (rows[0]?.resource_id ?? null) : null
  }
}

function locationsOf(event: WebhookBody): string[] {
  const listed = event.fields['locationIds']
  const ids = Array.isArray(listed)
    ? listed.filter((id): id is string => typeof id === 'string' && id !== '')
    : []
  if (event.locationId !== null && !ids.includes(event.locationId)) {
    ids.push(event.locationId)
  }
  return ids
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

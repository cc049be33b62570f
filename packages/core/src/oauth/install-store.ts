import { randomUUID } from 'node:crypto'
import type { Database } from '../db/database.js'
import type {
  InstallStatus,
  InstallsTable,
  UserType,
} from '../db/install-tables.js'
import { HoopkitError } from '../errors/hoopkit-error.js'

/** One install record, as `installs` stores it. Times are epoch ms. */
export interface InstallRecord {
  id: string
  appId: string
  resourceId: string
  userType: UserType
  companyId: string | null
  locationId: string | null
  status: InstallStatus
  /** The granted scopes, space separated. */
  scope: string | null
  userId: string | null
  planId: string | null
  versionId: string | null
  isBulk: boolean
  companyName: string | null
  lastError: string | null
  installedAt: number
  updatedAt: number
}

/**
 * The fields that an install callback or a minted location token records.
 * An optional field that is left out keeps its stored value.
 */
export type InstallWrite = Pick<
  InstallRecord,
  | 'appId'
  | 'resourceId'
  | 'userType'
  | 'companyId'
  | 'locationId'
  | 'status'
  | 'scope'
  | 'userId'
> &
  Partial<Pick<InstallRecord, 'planId' | 'versionId' | 'isBulk'>>

export interface InstallListFilter {
  appId?: string
  companyId?: string
  status?: InstallStatus
}

/**
 * Keeps one install record per (app id, resource id). Writes update only
 * the fields they set, so facts stored from webhooks, such as the company
 * name, survive a later callback.
 */
export class InstallStore {
  readonly #database: Database
  readonly #now: () => number

  constructor(options: { database: Database; now?: () => number }) {
    this.#database = options.database
    this.#now = options.now ?? Date.now
  }

  async get(
    appId: string,
    resourceId: string,
  ): Promise<InstallRecord | undefined> {
    const row = await this.#database.db
      .selectFrom('installs')
      .selectAll()
      .where('app_id', '=', appId)
      .where('resource_id', '=', resourceId)
      .executeTakeFirst()
    return row ? decodeInstall(row) : undefined
  }

  async record(write: InstallWrite): Promise<InstallRecord> {
    const now = this.#now()
    const changes = {
      user_type: write.userType,
      company_id: write.companyId,
      location_id: write.locationId,
      status: write.status,
      scope: write.scope,
      user_id: write.userId,
      ...(write.planId !== undefined ? { plan_id: write.planId } : {}),
      ...(write.versionId !== undefined ? { version_id: write.versionId } : {}),
      ...(write.isBulk !== undefined ? { is_bulk: write.isBulk ? 1 : 0 } : {}),
      last_error: null,
      uninstalled_at: null,
      updated_at: now,
    }

    await this.#database.db
      .insertInto('installs')
      .values({
        id: randomUUID(),
        app_id: write.appId,
        resource_id: write.resourceId,
        installed_at: now,
        plan_id: null,
        trial_json: null,
        version_id: null,
        is_bulk: 0,
        company_name: null,
        whitelabel_domain: null,
        ...changes,
      })
      .onConflict((conflict) =>
        conflict.columns(['app_id', 'resource_id']).doUpdateSet(changes),
      )
      .execute()

    const stored = await this.get(write.appId, write.resourceId)
    if (!stored) {
      throw new HoopkitError(
        'INTERNAL',
        `install store: expected a row for ${write.resourceId} after ` +
          'writing it, got none: it was deleted at the same time',
      )
    }
    return stored
  }

  /** Changes the status of an existing record; a missing one stays missing. */
  async setStatus(
    appId: string,
    resourceId: string,
    status: InstallStatus,
    lastError: string | null = null,
  ): Promise<void> {
    await this.#database.db
      .updateTable('installs')
      .set({ status, last_error: lastError, updated_at: this.#now() })
      .where('app_id', '=', appId)
      .where('resource_id', '=', resourceId)
      .execute()
  }

  /**
   * Sets a suspended install back to `active`, after a refresh succeeded.
   * Installs in any other status keep it.
   */
  async resume(appId: string, resourceId: string): Promise<void> {
    await this.#database.db
      .updateTable('installs')
      .set({ status: 'active', last_error: null, updated_at: this.#now() })
      .where('app_id', '=', appId)
      .where('resource_id', '=', resourceId)
      .where('status', '=', 'suspended')
      .execute()
  }

  async list(filter: InstallListFilter = {}): Promise<InstallRecord[]> {
    let query = this.#database.db.selectFrom('installs').selectAll()
    if (filter.appId !== undefined) {
      query = query.where('app_id', '=', filter.appId)
    }
    if (filter.companyId !== undefined) {
      query = query.where('company_id', '=', filter.companyId)
    }
    if (filter.status !== undefined) {
      query = query.where('status', '=', filter.status)
    }
    const rows = await query.orderBy('installed_at').orderBy('id').execute()
    return rows.map(decodeInstall)
  }
}

function decodeInstall(row: InstallsTable): InstallRecord {
  return {
    id: row.id,
    appId: row.app_id,
    resourceId: row.resource_id,
    userType: row.user_type,
    companyId: row.company_id,
    locationId: row.location_id,
    status: row.status,
    scope: row.scope,
    userId: row.user_id,
    planId: row.plan_id,
    versionId: row.version_id,
    isBulk: Number(row.is_bulk) === 1,
    companyName: row.company_name,
    lastError: row.last_error,
    installedAt: Number(row.installed_at),
    updatedAt: Number(row.updated_at),
  }
}

import type { TokenCipher } from '../crypto/token-cipher.js'
import type { Database } from '../db/database.js'
import type { TokensTable, UserType } from '../db/install-tables.js'
import { HoopkitError } from '../errors/hoopkit-error.js'

/** One resource's tokens, decrypted. Times are epoch milliseconds. */
export interface StoredToken {
  appId: string
  resourceId: string
  userType: UserType
  companyId: string | null
  locationId: string | null
  accessToken: string
  refreshToken: string | null
  expiresAt: number | null
  scope: string | null
  userId: string | null
  version: number
  refreshedAt: number | null
  lastRefreshError: string | null
  refreshBlockedUntil: number | null
  /**
   * When the row was last written: when the pair was stored, unless a
   * refresh failure was recorded since.
   */
  updatedAt: number
}

/** The fields a caller sets when it stores a new pair. */
export type TokenWrite = Pick<
  StoredToken,
  | 'appId'
  | 'resourceId'
  | 'userType'
  | 'companyId'
  | 'locationId'
  | 'accessToken'
  | 'refreshToken'
  | 'expiresAt'
  | 'scope'
  | 'userId'
>

export interface TokenStoreOptions {
  database: Database
  cipher: TokenCipher
  /** @default Date.now */
  now?: () => number
}

/**
 * Keeps the OAuth tokens of each (app id, resource id), both encrypted.
 * Every write adds one to `version`, so a refresh can replace exactly the
 * pair it read and a caller can tell a newer pair apart.
 */
export class TokenStore {
  readonly #database: Database
  readonly #cipher: TokenCipher
  readonly #now: () => number

  constructor(options: TokenStoreOptions) {
    this.#database = options.database
    this.#cipher = options.cipher
    this.#now = options.now ?? Date.now
  }

  async get(
    appId: string,
    resourceId: string,
  ): Promise<StoredToken | undefined> {
    const row = await this.#database.db
      .selectFrom('tokens')
      .selectAll()
      .where('app_id', '=', appId)
      .where('resource_id', '=', resourceId)
      .executeTakeFirst()
    return row ? this.#decode(row) : undefined
  }

  /**
   * Stores a new pair from an install or a minted location token, replacing
   * any earlier pair of that resource and clearing its refresh failure.
   */
  async put(write: TokenWrite): Promise<StoredToken> {
    checkTokenKey(write)
    const now = this.#now()
    const values = { ...this.#encode(write), updated_at: now }

    await this.#database.db
      .insertInto('tokens')
      .values({ ...values, version: 1, created_at: now })
      .onConflict((conflict) =>
        conflict.columns(['app_id', 'resource_id']).doUpdateSet((eb) => ({
          ...values,
          version: eb('tokens.version', '+', 1),
        })),
      )
      .execute()
    return this.#getOrFail(write.appId, write.resourceId)
  }

  /**
   * Stores a refreshed pair only if the stored row still has
   * `expectedVersion`. Returns the new row, or `undefined` when another
   * writer got there first.
   */
  async replaceIfVersion(
    write: TokenWrite,
    expectedVersion: number,
  ): Promise<StoredToken | undefined> {
    checkTokenKey(write)
    const now = this.#now()
    const result = await this.#database.db
      .updateTable('tokens')
      .set((eb) => ({
        ...this.#encode(write),
        version: eb('version', '+', 1),
        refreshed_at: now,
        updated_at: now,
      }))
      .where('app_id', '=', write.appId)
      .where('resource_id', '=', write.resourceId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst()
    if (result.numUpdatedRows === 0n) {
      return undefined
    }
    return this.#getOrFail(write.appId, write.resourceId)
  }

  /** Records why a refresh failed, leaving the tokens as they are. */
  async recordRefreshFailure(
    token: Pick<StoredToken, 'appId' | 'resourceId' | 'version'>,
    failure: { kind: string; blockedUntil: number | null },
  ): Promise<void> {
    await this.#database.db
      .updateTable('tokens')
      .set({
        last_refresh_error: failure.kind,
        refresh_blocked_until: failure.blockedUntil,
        updated_at: this.#now(),
      })
      .where('app_id', '=', token.appId)
      .where('resource_id', '=', token.resourceId)
      .where('version', '=', token.version)
      .execute()
  }

  /** Deletes a resource's tokens; returns whether a row existed. */
  async delete(appId: string, resourceId: string): Promise<boolean> {
    const result = await this.#database.db
      .deleteFrom('tokens')
      .where('app_id', '=', appId)
      .where('resource_id', '=', resourceId)
      .executeTakeFirst()
    return result.numDeletedRows > 0n
  }

  async #getOrFail(appId: string, resourceId: string): Promise<StoredToken> {
    const stored = await this.get(appId, resourceId)
    if (!stored) {
      throw new HoopkitError(
        'INTERNAL',
        `token store: expected a row for ${resourceId} after writing it, ` +
          'got none: it was deleted at the same time, probably by an uninstall',
        { details: { appId, resourceId } },
      )
    }
    return stored
  }

  #encode(write: TokenWrite) {
    return {
      app_id: write.appId,
      resource_id: write.resourceId,
      user_type: write.userType,
      company_id: write.companyId,
      location_id: write.locationId,
      access_token: this.#cipher.encrypt(write.accessToken),
      refresh_token:
        write.refreshToken === null
          ? null
          : this.#cipher.encrypt(write.refreshToken),
      expires_at: write.expiresAt,
      scope: write.scope,
      user_id: write.userId,
      last_refresh_error: null,
      refresh_blocked_until: null,
    }
  }

  #decode(row: TokensTable): StoredToken {
    return {
      appId: row.app_id,
      resourceId: row.resource_id,
      userType: row.user_type,
      companyId: row.company_id,
      locationId: row.location_id,
      accessToken: this.#cipher.decrypt(row.access_token),
      refreshToken:
        row.refresh_token === null
          ? null
          : this.#cipher.decrypt(row.refresh_token),
      expiresAt: toNumber(row.expires_at),
      scope: row.scope,
      userId: row.user_id,
      version: Number(row.version),
      refreshedAt: toNumber(row.refreshed_at),
      lastRefreshError: row.last_refresh_error,
      refreshBlockedUntil: toNumber(row.refresh_blocked_until),
      updatedAt: Number(row.updated_at),
    }
  }
}

/** Keeps every stored token under the id of the resource it belongs to. */
function checkTokenKey(write: TokenWrite): void {
  const ownId =
    write.userType === 'Location' ? write.locationId : write.companyId
  if (ownId === write.resourceId) {
    return
  }
  throw new HoopkitError(
    'TOKEN_LOCATION_MISMATCH',
    `token store: expected a ${write.userType} token for ${write.resourceId}, ` +
      `got one for ${ownId ?? 'no resource'}: the token was not stored`,
    { details: { resourceId: write.resourceId, tokenResourceId: ownId } },
  )
}

function toNumber(value: number | null): number | null {
  return value === null ? null : Number(value)
}

import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { DatabaseSchema } from '../db/schema.js'
import { HoopkitError } from '../errors/hoopkit-error.js'

/** The settings of one install, as the custom page reads them. */
export interface StoredSettings<TValues> {
  values: TValues
  /** 0 until the first write. */
  version: number
  updatedBy: string | null
  /** Epoch milliseconds, or `null` until the first write. */
  updatedAt: number | null
}

export type SettingsWriteResult<TValues> =
  | { ok: true; settings: StoredSettings<TValues> }
  | { ok: false; reason: 'version_conflict'; current: StoredSettings<TValues> }

export interface AppSettingsStoreOptions<TSchema extends z.ZodType<object>> {
  db: Kysely<DatabaseSchema>
  appId: string
  /** Validates stored and written values; its defaults fill a new install. */
  schema: TSchema
  /** @default Date.now */
  now?: () => number
}

/**
 * Stores the app's settings per install (per location, or per company for
 * an agency install). Writes carry the version the editor read, so two
 * editors cannot overwrite each other unseen.
 */
export class AppSettingsStore<TSchema extends z.ZodType<object>> {
  readonly #db: Kysely<DatabaseSchema>
  readonly #appId: string
  readonly #schema: TSchema
  readonly #now: () => number

  constructor(options: AppSettingsStoreOptions<TSchema>) {
    this.#db = options.db
    this.#appId = options.appId
    this.#schema = options.schema
    this.#now = options.now ?? Date.now
  }

  async read(resourceId: string): Promise<StoredSettings<z.output<TSchema>>> {
    const row = await this.#db
      .selectFrom('app_settings')
      .selectAll()
      .where('app_id', '=', this.#appId)
      .where('resource_id', '=', resourceId)
      .executeTakeFirst()

    if (row === undefined) {
      return {
        values: this.#defaults(),
        version: 0,
        updatedBy: null,
        updatedAt: null,
      }
    }

    // Values stored under an older schema keep what still validates and
    // take the defaults for the rest.
    const parsed = this.#schema.safeParse(JSON.parse(row.values_json))
    return {
      values: parsed.success ? parsed.data : this.#defaults(),
      version: row.version,
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
    }
  }

  /**
   * Validates and writes new values when `expectedVersion` matches the
   * stored version. Invalid values throw the zod error, since callers
   * validate input against the same schema first.
   */
  async write(
    resourceId: string,
    input: unknown,
    options: { userId: string; expectedVersion: number },
  ): Promise<SettingsWriteResult<z.output<TSchema>>> {
    const values = this.#schema.parse(input)
    const current = await this.read(resourceId)
    if (current.version !== options.expectedVersion) {
      return { ok: false, reason: 'version_conflict', current }
    }

    const next = {
      values_json: JSON.stringify(values),
      version: current.version + 1,
      updated_by: options.userId,
      updated_at: this.#now(),
    }
    const written =
      current.version === 0
        ? await this.#insert(resourceId, next)
        : await this.#update(resourceId, current.version, next)

    if (!written) {
      return {
        ok: false,
        reason: 'version_conflict',
        current: await this.read(resourceId),
      }
    }
    return {
      ok: true,
      settings: {
        values,
        version: next.version,
        updatedBy: next.updated_by,
        updatedAt: next.updated_at,
      },
    }
  }

  async #insert(
    resourceId: string,
    next: Omit<DatabaseSchema['app_settings'], 'app_id' | 'resource_id'>,
  ): Promise<boolean> {
    const result = await this.#db
      .insertInto('app_settings')
      .values({ app_id: this.#appId, resource_id: resourceId, ...next })
      .onConflict((conflict) =>
        conflict.columns(['app_id', 'resource_id']).doNothing(),
      )
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
  }

  async #update(
    resourceId: string,
    version: number,
    next: Omit<DatabaseSchema['app_settings'], 'app_id' | 'resource_id'>,
  ): Promise<boolean> {
    const result = await this.#db
      .updateTable('app_settings')
      .set(next)
      .where('app_id', '=', this.#appId)
      .where('resource_id', '=', resourceId)
      .where('version', '=', version)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  #defaults(): z.output<TSchema> {
    const defaults = this.#schema.safeParse({})
    if (!defaults.success) {
      throw new HoopkitError(
        'CONFIG_INVALID',
        'app settings: expected a schema whose fields all have defaults, ' +
          'got one that rejects {}: add .default() to each field',
        { cause: defaults.error },
      )
    }
    return defaults.data
  }
}

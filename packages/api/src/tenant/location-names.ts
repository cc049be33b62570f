import type { ApiClient, InstallRecord, Logger } from '@hoopkit/core'
import { isHoopkitError } from '@hoopkit/core'

/**
 * Reads the name of each active sub-account install from the platform's
 * `GET /locations/{id}`, with that sub-account's token. A sub-account
 * whose name cannot be read maps to `null`, and the failure is logged, so
 * one broken install leaves the rest of the list intact.
 */
export async function locationNames(
  platform: ApiClient,
  records: readonly InstallRecord[],
  logger: Logger,
): Promise<Map<string, string | null>> {
  const locations = records.filter(
    (record) => record.locationId !== null && record.status === 'active',
  )
  const entries = await Promise.all(
    locations.map(async (record) => {
      const locationId = record.locationId as string
      const name = await readName(platform, record, logger)
      return [locationId, name] as const
    }),
  )
  return new Map(entries)
}

async function readName(
  platform: ApiClient,
  record: InstallRecord,
  logger: Logger,
): Promise<string | null> {
  const locationId = record.locationId as string
  const companyId = record.companyId ?? undefined
  try {
    const { location } = await platform
      .location(locationId, { companyId })
      .get()
    return location.name ?? null
  } catch (error) {
    if (!isHoopkitError(error)) {
      throw error
    }
    logger.warn(
      { locationId, code: error.code, err: error },
      'location name not read; the install list shows its id',
    )
    return null
  }
}

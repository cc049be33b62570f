import { describe, expect, test } from 'vitest'
import { DatabaseLease } from '../../src/db/database-lease.js'
import { isHoopkitError } from '../../src/errors/hoopkit-error.js'
import { locationToken, openOauthFixture, testAppId } from './oauth-fixture.js'

const unusedApi = 'http://127.0.0.1:9'

describe('TokenStore', () => {
  test('encrypts tokens at rest', async () => {
    await using fixture = await openOauthFixture({ apiUrl: unusedApi })
    await fixture.oauth.tokens.put(
      locationToken('loc_A1', {
        accessToken: 'AT_plain',
        refreshToken: 'RT_plain',
      }),
    )

    const row = await fixture.database.db
      .selectFrom('tokens')
      .selectAll()
      .executeTakeFirstOrThrow()
    const stored = await fixture.oauth.tokens.get(testAppId, 'loc_A1')

    expect(JSON.stringify(row)).not.toContain('AT_plain')
    expect(JSON.stringify(row)).not.toContain('RT_plain')
    expect(row.access_token.startsWith('v1.')).toBe(true)
    expect(stored?.accessToken).toBe('AT_plain')
    expect(stored?.refreshToken).toBe('RT_plain')
  })

  test('counts versions on every write', async () => {
    await using fixture = await openOauthFixture({ apiUrl: unusedApi })
    const { tokens } = fixture.oauth

    const first = await tokens.put(locationToken('loc_A1'))
    const second = await tokens.put(
      locationToken('loc_A1', { accessToken: 'AT2' }),
    )

    expect(first.version).toBe(1)
    expect(second.version).toBe(2)
  })

  test('replaces only expected version', async () => {
    await using fixture = await openOauthFixture({ apiUrl: unusedApi })
    const { tokens } = fixture.oauth
    const first = await tokens.put(locationToken('loc_A1'))

    const replaced = await tokens.replaceIfVersion(
      locationToken('loc_A1', { accessToken: 'AT2' }),
      first.version,
    )
    const stale = await tokens.replaceIfVersion(
      locationToken('loc_A1', { accessToken: 'AT3' }),
      first.version,
    )
    const stored = await tokens.get(testAppId, 'loc_A1')

    expect(replaced?.version).toBe(2)
    expect(replaced?.refreshedAt).not.toBeNull()
    expect(stale).toBeUndefined()
    expect(stored?.accessToken).toBe('AT2')
  })

  test('rejects token under another key', async () => {
    await using fixture = await openOauthFixture({ apiUrl: unusedApi })

    let error: unknown
    try {
      await fixture.oauth.tokens.put(
        locationToken('loc_A1', { locationId: 'loc_B2' }),
      )
    } catch (caught) {
      error = caught
    }

    expect(isHoopkitError(error, 'TOKEN_LOCATION_MISMATCH')).toBe(true)
    expect(await fixture.oauth.tokens.get(testAppId, 'loc_A1')).toBeUndefined()
  })
})

describe('DatabaseLease', () => {
  test('grants one holder at once', async () => {
    await using fixture = await openOauthFixture({ apiUrl: unusedApi })
    const leases = new DatabaseLease({ database: fixture.database })

    const first = await leases.tryAcquire('refresh:loc_A1', 10_000)
    const second = await leases.tryAcquire('refresh:loc_A1', 10_000)
    await first?.release()
    const third = await leases.tryAcquire('refresh:loc_A1', 10_000)

    expect(first).toBeDefined()
    expect(second).toBeUndefined()
    expect(third).toBeDefined()
  })

  test('takes over expired lease', async () => {
    await using fixture = await openOauthFixture({ apiUrl: unusedApi })
    const leases = new DatabaseLease({ database: fixture.database })

    const first = await leases.tryAcquire('refresh:loc_A1', -1)
    const second = await leases.tryAcquire('refresh:loc_A1', 10_000)
    await first?.release()
    const third = await leases.tryAcquire('refresh:loc_A1', 10_000)

    expect(first).toBeDefined()
    expect(second).toBeDefined()
    expect(third).toBeUndefined()
  })
})

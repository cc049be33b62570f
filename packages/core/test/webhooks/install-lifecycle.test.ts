import { afterEach, describe, expect, test } from 'vitest'
import { testAppId } from '../oauth/oauth-fixture.js'
import { startLifecycleHarness } from './lifecycle-harness.js'
import { waitFor } from './webhook-harness.js'

const companyGrant = { userType: 'Company', companyId: 'cmp_T1' }

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

async function harness(options: Parameters<typeof startLifecycleHarness>[0]) {
  const started = await startLifecycleHarness(options)
  close = started.close
  return started
}

async function storedTokenIds(
  oauth: Awaited<ReturnType<typeof harness>>['oauth'],
): Promise<string[]> {
  const ids: string[] = []
  for (const id of ['cmp_T1', 'loc_A1', 'loc_B2']) {
    if (await oauth.tokens.get(testAppId, id)) {
      ids.push(id)
    }
  }
  return ids
}

describe('INSTALL before the code exchange', () => {
  test('bulk INSTALL with locationIds waits for tokens', async () => {
    const app = await harness({ codes: { AC1: companyGrant } })

    const webhook = await app.postSigned({
      type: 'INSTALL',
      appId: 'app_T1',
      companyId: 'cmp_T1',
      locationIds: ['loc_A1', 'loc_B2'],
      webhookId: 'wh_1',
    })
    await app.runtime.worker.drain()
    const pending = await app.oauth.installs.list({ status: 'pending' })
    const mintsBeforeCallback = app.platform.requestsTo(
      '/oauth/locationToken',
    ).length

    const callback = await app.callback('AC1')
    await waitFor(async () => (await storedTokenIds(app.oauth)).length === 3)
    await app.runtime.worker.drain()
    await app.runtime.maintain()

    expect(webhook.status).toBe(200)
    expect(pending.map((install) => install.resourceId).sort()).toEqual([
      'loc_A1',
      'loc_B2',
    ])
    expect(pending.every((install) => install.companyId === 'cmp_T1')).toBe(
      true,
    )
    expect(mintsBeforeCallback).toBe(0)
    expect(callback.status).toBe(200)
    expect(app.mintRequests('loc_A1')).toHaveLength(1)
    expect(app.mintRequests('loc_B2')).toHaveLength(1)
    expect(await storedTokenIds(app.oauth)).toEqual([
      'cmp_T1',
      'loc_A1',
      'loc_B2',
    ])
    expect(await app.oauth.installs.list({ status: 'pending' })).toEqual([])
  })

  test('one INSTALL per location waits for tokens', async () => {
    const app = await harness({ codes: { AC1: companyGrant } })

    const replies = []
    for (const [locationId, webhookId] of [
      ['loc_A1', 'wh_1a'],
      ['loc_B2', 'wh_1b'],
    ]) {
      replies.push(
        await app.postSigned({
          type: 'INSTALL',
          appId: 'app_T1',
          companyId: 'cmp_T1',
          locationId,
          webhookId,
        }),
      )
    }
    await app.runtime.worker.drain()
    await app.callback('AC1')
    await waitFor(async () => (await storedTokenIds(app.oauth)).length === 3)
    await app.runtime.worker.drain()
    await app.runtime.maintain()

    expect(replies.map((reply) => reply.status)).toEqual([200, 200])
    expect(app.mintRequests('loc_A1')).toHaveLength(1)
    expect(app.mintRequests('loc_B2')).toHaveLength(1)
    expect(await storedTokenIds(app.oauth)).toEqual([
      'cmp_T1',
      'loc_A1',
      'loc_B2',
    ])
  })

  test('failed mint stays pending, then is retried', async () => {
    const app = await harness({
      codes: { AC1: companyGrant },
      failMint: (locationId, attempt) =>
        locationId === 'loc_B2' && attempt === 1
          ? {
              status: 500,
              body: { statusCode: 500, message: 'Internal error' },
            }
          : undefined,
    })

    await app.postSigned({
      type: 'INSTALL',
      appId: 'app_T1',
      companyId: 'cmp_T1',
      locationIds: ['loc_A1', 'loc_B2'],
      webhookId: 'wh_1',
    })
    await app.runtime.worker.drain()
    await app.callback('AC1')
    await waitFor(async () => app.mintRequests('loc_B2').length >= 1)
    const afterFailure = await app.oauth.installs.get(testAppId, 'loc_B2')
    await app.runtime.maintain()
    const afterRetry = await app.oauth.installs.get(testAppId, 'loc_B2')

    expect(afterFailure?.status).toBe('pending')
    expect(afterFailure?.lastError).toContain('500')
    expect(app.mintRequests('loc_B2').length).toBeGreaterThanOrEqual(2)
    expect(app.mintRequests('loc_A1')).toHaveLength(1)
    expect(afterRetry?.status).toBe('active')
    expect(await storedTokenIds(app.oauth)).toEqual([
      'cmp_T1',
      'loc_A1',
      'loc_B2',
    ])
  })

  test('future-location INSTALL mints from stored token', async () => {
    const app = await harness({ codes: { AC1: companyGrant } })
    await app.callback('AC1')

    const webhook = await app.postSigned({
      type: 'INSTALL',
      appId: 'app_T1',
      locationId: 'loc_A1',
      webhookId: 'wh_future',
    })
    await waitFor(async () =>
      (await storedTokenIds(app.oauth)).includes('loc_A1'),
    )
    const install = await app.oauth.installs.get(testAppId, 'loc_A1')

    expect(webhook.status).toBe(200)
    expect(app.mintRequests('loc_A1')).toHaveLength(1)
    expect(install?.companyId).toBe('cmp_T1')
    expect(install?.status).toBe('active')
  })
})

describe('unsigned lifecycle events', () => {
  test('unsigned INSTALL and UNINSTALL change nothing', async () => {
    const app = await harness({
      codes: {
        AC1: {
          userType: 'Location',
          companyId: 'cmp_T1',
          locationId: 'loc_A1',
        },
      },
    })
    await app.callback('AC1')
    const requestsBefore = app.platform.requests.length
    const installsBefore = await app.oauth.installs.list()

    const statuses: number[] = []
    for (const signature of [undefined, 'N/A']) {
      const install = await app.postWithSignature(
        {
          type: 'INSTALL',
          appId: 'app_T1',
          companyId: 'cmp_T1',
          locationId: 'loc_B2',
          webhookId: 'wh_x1',
        },
        signature,
      )
      const uninstall = await app.postWithSignature(
        {
          type: 'UNINSTALL',
          appId: 'app_T1',
          locationId: 'loc_A1',
          webhookId: 'wh_x2',
        },
        signature,
      )
      statuses.push(install.status, uninstall.status)
    }
    await app.runtime.worker.drain()

    expect(statuses).toEqual([401, 401, 401, 401])
    expect(app.platform.requests.length).toBe(requestsBefore)
    expect(await app.oauth.installs.list()).toEqual(installsBefore)
    expect(await app.oauth.tokens.get(testAppId, 'loc_A1')).toBeDefined()
    expect(app.uninstalled).toEqual([])
  })
})

describe('UNINSTALL and reinstall', () => {
  test('uninstall deletes tokens before the reply', async () => {
    const app = await harness({
      codes: {
        AC1: {
          userType: 'Location',
          companyId: 'cmp_T1',
          locationId: 'loc_A1',
        },
        AC2: {
          userType: 'Location',
          companyId: 'cmp_T1',
          locationId: 'loc_A1',
          access_token: 'AT2',
          refresh_token: 'RT2',
          scope: 'contacts.readonly contacts.write',
        },
      },
    })
    await app.callback('AC1')
    const before = await app.oauth.tokens.get(testAppId, 'loc_A1')

    const uninstall = await app.postSigned({
      type: 'UNINSTALL',
      appId: 'app_T1',
      companyId: 'cmp_T1',
      locationId: 'loc_A1',
      webhookId: 'wh_20',
    })
    const atReply = await app.oauth.tokens.get(testAppId, 'loc_A1')
    await waitFor(() => app.uninstalled.length === 1)

    const install = await app.postSigned({
      type: 'INSTALL',
      appId: 'app_T1',
      companyId: 'cmp_T1',
      locationId: 'loc_A1',
      webhookId: 'wh_21',
    })
    const callback = await app.callback('AC2')
    await app.runtime.worker.drain()
    const reinstalled = await app.oauth.installs.get(testAppId, 'loc_A1')
    const tokens = await app.oauth.tokens.get(testAppId, 'loc_A1')

    expect(before?.accessToken).toBe('AT_company')
    expect(uninstall.status).toBe(200)
    expect(atReply).toBeUndefined()
    expect(app.uninstalled[0]?.install.resourceId).toBe('loc_A1')
    expect(app.uninstalled[0]?.install.status).toBe('uninstalled')
    expect(app.uninstalled[0]?.argumentCount).toBe(1)
    expect(install.status).toBe(200)
    expect(callback.status).toBe(200)
    expect(reinstalled?.status).toBe('active')
    expect(reinstalled?.scope).toBe('contacts.readonly contacts.write')
    expect(tokens?.accessToken).toBe('AT2')
    expect(tokens?.refreshToken).toBe('RT2')
    expect(tokens?.scope).toBe('contacts.readonly contacts.write')
  })

  test('events after UNINSTALL skip handlers', async () => {
    const location = { userType: 'Location', companyId: 'cmp_T1' }
    const app = await harness({
      codes: {
        AC1: { ...location, locationId: 'loc_A1' },
        AC2: { ...location, locationId: 'loc_A1', access_token: 'AT2' },
      },
    })
    const handled: string[] = []
    app.runtime.handlers.on('ContactCreate', (contact) => {
      handled.push(`${contact.locationId}:${contact.id}`)
    })
    const contact = (locationId: string, id: string) =>
      app.postSigned({
        type: 'ContactCreate',
        locationId,
        id,
        webhookId: `wh_${locationId}_${id}`,
      })
    await app.callback('AC1')
    await contact('loc_A1', 'c1')
    await app.runtime.worker.drain()

    await app.postSigned({
      type: 'UNINSTALL',
      appId: 'app_T1',
      companyId: 'cmp_T1',
      locationId: 'loc_A1',
      webhookId: 'wh_40',
    })
    const late = await contact('loc_A1', 'c2')
    await contact('loc_NEW1', 'c3')
    await app.runtime.worker.drain()
    const skipped = (await app.runtime.inbox.recent('loc_A1', 5)).find(
      (event) => event.webhook_id === 'wh_loc_A1_c2',
    )
    const afterUninstall = [...handled]

    await app.postSigned({
      type: 'INSTALL',
      appId: 'app_T1',
      companyId: 'cmp_T1',
      locationId: 'loc_A1',
      webhookId: 'wh_41',
    })
    await app.callback('AC2')
    await contact('loc_A1', 'c4')
    await app.runtime.worker.drain()

    expect(late.status).toBe(200)
    expect(skipped?.status).toBe('done')
    expect(afterUninstall).toEqual(['loc_A1:c1', 'loc_NEW1:c3'])
    expect(handled).toEqual(['loc_A1:c1', 'loc_NEW1:c3', 'loc_A1:c4'])
  })

  test('INSTALL older than the UNINSTALL is ignored', async () => {
    const app = await harness({ codes: { AC1: companyGrant } })
    await app.callback('AC1')
    const installedAt = new Date(Date.now() - 60_000).toISOString()
    await app.postSigned({
      type: 'INSTALL',
      appId: 'app_T1',
      companyId: 'cmp_T1',
      locationId: 'loc_A1',
      webhookId: 'wh_30',
      timestamp: installedAt,
    })
    await waitFor(async () =>
      (await storedTokenIds(app.oauth)).includes('loc_A1'),
    )
    await app.postSigned({
      type: 'UNINSTALL',
      appId: 'app_T1',
      companyId: 'cmp_T1',
      locationId: 'loc_A1',
      webhookId: 'wh_31',
    })

    // A first delivery of INSTALL that got a 429 is retried late,
    // under a webhookId that the inbox never stored.
    const late = await app.postSigned({
      type: 'INSTALL',
      appId: 'app_T1',
      companyId: 'cmp_T1',
      locationId: 'loc_A1',
      webhookId: 'wh_32',
      timestamp: installedAt,
    })
    await app.runtime.worker.drain()
    await app.runtime.maintain()
    const install = await app.oauth.installs.get(testAppId, 'loc_A1')

    expect(late.status).toBe(200)
    expect(install?.status).toBe('uninstalled')
    expect(await storedTokenIds(app.oauth)).toEqual(['cmp_T1'])
    expect(app.mintRequests('loc_A1')).toHaveLength(1)
  })

  test('INSTALL newer than the UNINSTALL reinstalls', async () => {
    const app = await harness({ codes: { AC1: companyGrant } })
    await app.callback('AC1')
    await app.postSigned({
      type: 'UNINSTALL',
      appId: 'app_T1',
      companyId: 'cmp_T1',
      locationId: 'loc_A1',
      webhookId: 'wh_33',
      timestamp: new Date(Date.now() - 60_000).toISOString(),
    })

    const reinstall = await app.postSigned({
      type: 'INSTALL',
      appId: 'app_T1',
      companyId: 'cmp_T1',
      locationId: 'loc_A1',
      webhookId: 'wh_34',
    })
    await waitFor(async () =>
      (await storedTokenIds(app.oauth)).includes('loc_A1'),
    )
    const install = await app.oauth.installs.get(testAppId, 'loc_A1')

    expect(reinstall.status).toBe(200)
    expect(install?.status).toBe('active')
    expect(app.mintRequests('loc_A1')).toHaveLength(1)
  })

  test('agency uninstall deletes the company token', async () => {
    const app = await harness({ codes: { AC1: companyGrant } })
    await app.callback('AC1')
    const before = await app.oauth.tokens.get(testAppId, 'cmp_T1')

    const uninstall = await app.postSigned({
      type: 'UNINSTALL',
      appId: 'app_T1',
      companyId: 'cmp_T1',
      webhookId: 'wh_22',
    })
    const atReply = await app.oauth.tokens.get(testAppId, 'cmp_T1')
    const install = await app.oauth.installs.get(testAppId, 'cmp_T1')

    expect(before).toBeDefined()
    expect(uninstall.status).toBe(200)
    expect(atReply).toBeUndefined()
    expect(install?.status).toBe('uninstalled')
  })

  test('cleanup steps run before the reply', async () => {
    const app = await harness({
      codes: {
        AC1: {
          userType: 'Location',
          companyId: 'cmp_T1',
          locationId: 'loc_A1',
        },
      },
    })
    await app.callback('AC1')
    const cleaned: string[] = []
    app.runtime.lifecycle.cleanup.add('menu links', (install) => {
      cleaned.push(install.resourceId)
    })

    await app.postSigned({
      type: 'UNINSTALL',
      appId: 'app_T1',
      locationId: 'loc_A1',
      webhookId: 'wh_23',
    })

    expect(cleaned).toEqual(['loc_A1'])
  })

  test('failed cleanup gives 429 and is retried', async () => {
    const app = await harness({
      codes: {
        AC1: {
          userType: 'Location',
          companyId: 'cmp_T1',
          locationId: 'loc_A1',
        },
      },
    })
    await app.callback('AC1')
    let failures = 1
    app.runtime.lifecycle.cleanup.add('sessions', () => {
      if (failures > 0) {
        failures -= 1
        throw new Error('session store unavailable')
      }
    })
    const body = {
      type: 'UNINSTALL',
      appId: 'app_T1',
      locationId: 'loc_A1',
      webhookId: 'wh_24',
    }

    const first = await app.postSigned(body)
    const retry = await app.postSigned(body)

    expect(first.status).toBe(429)
    expect(retry.status).toBe(200)
  })

  test('uninstalled records are purged after retention', async () => {
    const app = await harness({
      codes: {
        AC1: {
          userType: 'Location',
          companyId: 'cmp_T1',
          locationId: 'loc_A1',
        },
      },
    })
    await app.callback('AC1')
    await app.postSigned({
      type: 'UNINSTALL',
      appId: 'app_T1',
      locationId: 'loc_A1',
      webhookId: 'wh_25',
    })
    const kept = await app.runtime.lifecycle.purgeUninstalled()
    await app.database.db
      .updateTable('installs')
      .set({ uninstalled_at: Date.now() - 31 * 24 * 60 * 60 * 1000 })
      .execute()

    const purged = await app.runtime.lifecycle.purgeUninstalled()

    expect(kept).toBe(0)
    expect(purged).toBe(1)
    expect(await app.oauth.installs.get(testAppId, 'loc_A1')).toBeUndefined()
  })
})

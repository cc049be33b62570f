import { generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import { isHoopkitError } from '@hoopkit/core'
import { seedIds } from '@hoopkit/sandbox'
import { tempSqliteUrl } from '@hoopkit/testing'
import pino from 'pino'
import { describe, expect, test } from 'vitest'
import { readEnv } from '../src/env.js'
import { createServices } from '../src/services.js'
import { consent } from './oauth-test-backend.js'
import { startWebhookBackend } from './webhook-test-backend.js'

async function waitFor(check: () => Promise<boolean>) {
  for (let i = 0; i < 1000; i += 1) {
    if (await check()) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('waitFor: condition not met after 10 s')
}

async function tokenIds(
  backend: Awaited<ReturnType<typeof startWebhookBackend>>,
) {
  const rows = await backend.services.database.db
    .selectFrom('tokens')
    .select('resource_id')
    .orderBy('resource_id')
    .execute()
  return rows.map((row) => row.resource_id)
}

function mints(
  backend: Awaited<ReturnType<typeof startWebhookBackend>>,
  locationId: string,
): number {
  return backend.sandbox.context.activity
    .list()
    .filter(
      (entry) => entry.summary === `Location token minted for ${locationId}`,
    ).length
}

describe('POST /webhooks with the sandbox', () => {
  for (const order of ['install-first', 'callback-first'] as const) {
    for (const shape of ['per-location', 'location-ids'] as const) {
      test(`bulk install, ${order}, ${shape}`, async () => {
        await using backend = await startWebhookBackend({
          platform: { installWebhookOrder: order, bulkInstallWebhook: shape },
        })

        const callback = await consent(backend, {
          userId: seedIds.agencyAdmin,
          target: [seedIds.harbor, seedIds.peak],
        })
        await backend.sender.settled()
        const response = await fetch(callback)
        await backend.sender.settled()
        await waitFor(async () => (await tokenIds(backend)).length === 3)
        await backend.services.webhooks.worker.drain()
        const deliveries = backend.sender.list()
        const installs = await backend.services.oauth.installs.list()

        expect(response.status).toBe(200)
        expect(
          deliveries.every((delivery) => delivery.status === 'delivered'),
        ).toBe(true)
        expect(
          deliveries.every((delivery) => delivery.type === 'INSTALL'),
        ).toBe(true)
        expect(await tokenIds(backend)).toEqual(
          [seedIds.company, seedIds.harbor, seedIds.peak].sort(),
        )
        expect(
          installs.filter((install) => install.status === 'pending'),
        ).toEqual([])
        expect(mints(backend, seedIds.harbor)).toBe(1)
        expect(mints(backend, seedIds.peak)).toBe(1)
      })
    }
  }

  test('sandbox uninstall deletes the tokens', async () => {
    await using backend = await startWebhookBackend()
    const callback = await consent(backend, {
      userId: seedIds.harborUser,
      target: [seedIds.harbor],
    })
    await fetch(callback)
    await backend.sender.settled()
    const before = await tokenIds(backend)

    backend.sandbox.context.installFlow.uninstall(
      backend.app.appId,
      seedIds.harbor,
    )
    await backend.sender.settled()
    const install = await backend.services.oauth.installs.get(
      backend.services.oauth.appId,
      seedIds.harbor,
    )

    expect(before).toEqual([seedIds.harbor])
    expect(await tokenIds(backend)).toEqual([])
    expect(install?.status).toBe('uninstalled')
  })

  test('hostile bytes with both headers', async () => {
    await using backend = await startWebhookBackend({
      platform: { webhookHostileBytes: true, webhookRsaHeader: 'both' },
    })

    const delivery = backend.sender.send(backend.app.appId, {
      type: 'ContactCreate',
      locationId: seedIds.harbor,
      id: 'c1',
      name: 'Zoë / R',
      amount: 10,
    })
    await backend.sender.settled()
    const stored = await backend.services.webhooks.inbox.get(
      delivery?.webhookId ?? '',
    )

    expect(delivery?.status).toBe('delivered')
    expect(delivery?.body).toContain('\\u00eb')
    expect(stored?.type).toBe('ContactCreate')
  })

  test('large event passes the server body limit', async () => {
    await using backend = await startWebhookBackend()

    const delivery = backend.sender.send(backend.app.appId, {
      type: 'InboundMessage',
      locationId: seedIds.harbor,
      body: 'x'.repeat(2 * 1024 * 1024),
    })
    await backend.sender.settled()

    expect(delivery?.attempts[0]?.status).toBe(200)
    expect(
      await backend.services.webhooks.inbox.has(delivery?.webhookId ?? ''),
    ).toBe(true)
  })

  test('a key from elsewhere gets 401', async () => {
    await using backend = await startWebhookBackend()
    const foreign = generateKeyPairSync('ed25519')
    const body = JSON.stringify({
      type: 'ContactCreate',
      locationId: seedIds.harbor,
      timestamp: new Date().toISOString(),
      webhookId: 'wh_foreign',
    })

    const response = await fetch(`${backend.url}/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ghl-signature': sign(
          null,
          Buffer.from(body),
          foreign.privateKey,
        ).toString('base64'),
      },
      body,
    })

    expect(response.status).toBe(401)
    expect(await backend.services.webhooks.inbox.has('wh_foreign')).toBe(false)
  })
})

describe('recent webhooks per install', () => {
  test('installs.list and the onboarding page', async () => {
    await using backend = await startWebhookBackend()
    const callback = await consent(backend, {
      userId: seedIds.harborUser,
      target: [seedIds.harbor],
    })
    await backend.sender.settled()
    const page = await (await fetch(callback)).text()
    backend.sender.send(backend.app.appId, {
      type: 'ContactCreate',
      locationId: seedIds.harbor,
      id: 'c1',
    })
    await backend.sender.settled()
    const { token } = await backend.services.ui.sessions.issue({
      kind: 'location',
      userId: seedIds.harborUser,
      companyId: seedIds.company,
      locationId: seedIds.harbor,
      role: 'user',
      userName: 'Hana Brooks',
      email: 'hana@example.test',
      isAgencyOwner: false,
      versionId: null,
      appStatus: null,
      whitelabelDomain: null,
    })

    const response = await fetch(`${backend.url}/trpc/installs.list`, {
      headers: { authorization: `Bearer ${token}` },
    })
    const body = (await response.json()) as {
      result: {
        data: { resourceId: string; recentEvents: { type: string }[] }[]
      }
    }
    const [install] = body.result.data

    expect(page).toContain('Webhooks received')
    expect(page).toContain('<td>INSTALL</td>')
    expect(install?.resourceId).toBe(seedIds.harbor)
    expect(install?.recentEvents.map((event) => event.type)).toEqual([
      'ContactCreate',
      'INSTALL',
    ])
  })
})

describe('backend webhook key', () => {
  const baseEnv = () => ({
    HOOPAI_CLIENT_ID: 'a1b2c3d4e5f6a7b8c9d0e1f2-test0001',
    HOOPAI_CLIENT_SECRET: 'test-client-secret',
    HOOPKIT_SECRET_KEY: randomBytes(32).toString('base64'),
    HOOPAI_API_URL: 'http://127.0.0.1:9',
    HOOPAI_MARKETPLACE_URL: 'http://127.0.0.1:9',
    DATABASE_URL: tempSqliteUrl(),
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    HOOPAI_WEBHOOK_PUBLIC_KEY: '',
  })

  test('startup fails without a key', async () => {
    let thrown: unknown
    try {
      await createServices(
        readEnv(baseEnv()),
        pino({ level: 'silent' }),
        'http://127.0.0.1:0',
      )
    } catch (error) {
      thrown = error
    }

    expect(isHoopkitError(thrown, 'WEBHOOK_KEY_MISSING')).toBe(true)
    expect((thrown as Error).message).toContain('HOOPAI_WEBHOOK_PUBLIC_KEY')
  })

  test('dev mode starts without a key', async () => {
    const services = await createServices(
      readEnv({ ...baseEnv(), HOOPKIT_WEBHOOK_DEV_MODE: 'true' }),
      pino({ level: 'silent' }),
      'http://127.0.0.1:0',
    )

    expect(services.webhooks.receiver.bodyLimitBytes).toBe(5 * 1024 * 1024)
    await services.close()
  })
})

import { tempSqliteUrl } from '@hoopkit/testing'
import { afterEach, describe, expect, test } from 'vitest'
import { hoopkitEnvSchema, parseEnv } from '../../src/config/hoopkit-config.js'
import { openDatabase } from '../../src/db/database.js'
import { isHoopkitError } from '../../src/errors/hoopkit-error.js'
import { webhookVerifierFromEnv } from '../../src/webhooks/webhook-env.js'
import { WebhookInbox } from '../../src/webhooks/webhook-inbox.js'
import { WebhookReceiver } from '../../src/webhooks/webhook-receiver.js'
import {
  WebhookVerifier,
  type WebhookVerifierOptions,
} from '../../src/webhooks/webhook-verifier.js'
import {
  eventBody,
  startHarness,
  type TestKeys,
  testKeys,
  waitFor,
} from './webhook-harness.js'

const install = () =>
  eventBody({
    type: 'INSTALL',
    appId: 'app_T1',
    companyId: 'cmp_T1',
    locationId: 'loc_A1',
    webhookId: `wh_${Math.random()}`,
  })

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

async function harness(keys: TestKeys, legacyRsa = false) {
  let sideEffects = 0
  const server = await startHarness({
    keys,
    verifier: { legacyRsa },
    receiver: {
      beforeAcknowledge: async () => {
        sideEffects += 1
      },
    },
  })
  close = server.close
  let hookCalls = 0
  server.handlers.on('INSTALL', () => {
    hookCalls += 1
  })
  const storedRows = async () =>
    (
      await server.database.db
        .selectFrom('webhook_events')
        .selectAll()
        .execute()
    ).length
  return {
    ...server,
    sideEffects: () => sideEffects,
    hookCalls: () => hookCalls,
    storedRows,
  }
}

/** Returns what `build` throws, or undefined when it returns. */
function thrownBy(build: () => unknown): unknown {
  try {
    build()
  } catch (error) {
    return error
  }
  return undefined
}

describe('webhook verification fails closed', () => {
  test('missing header gives 401 without effects', async () => {
    const server = await harness(testKeys())

    const response = await server.post(install())
    await server.worker.drain()

    expect(response.status).toBe(401)
    expect(server.sideEffects()).toBe(0)
    expect(await server.storedRows()).toBe(0)
    expect(server.hookCalls()).toBe(0)
  })

  test('header N/A gives 401 without effects', async () => {
    const server = await harness(testKeys())

    const response = await server.post(install(), {
      'x-ghl-signature': 'N/A',
      'x-wh-signature': 'N/A',
    })
    await server.worker.drain()

    expect(response.status).toBe(401)
    expect(server.sideEffects()).toBe(0)
    expect(await server.storedRows()).toBe(0)
    expect(server.hookCalls()).toBe(0)
  })

  test('valid Ed25519 signature gives 200', async () => {
    const server = await harness(testKeys())

    const response = await server.postSigned(install())
    await waitFor(() => server.hookCalls() === 1)

    expect(response.status).toBe(200)
    expect(server.sideEffects()).toBe(1)
    expect(await server.storedRows()).toBe(1)
  })

  test('legacy RSA header needs the option', async () => {
    const keys = testKeys()
    const body = install()
    const off = await harness(keys, false)
    const rejected = await off.post(body, {
      'x-wh-signature': keys.signRsa(body),
    })
    await off.close()

    const on = await harness(keys, true)
    const accepted = await on.post(body, {
      'x-wh-signature': keys.signRsa(body),
    })

    expect(rejected.status).toBe(401)
    expect(accepted.status).toBe(200)
  })

  test('invalid signature gives 401, not 403', async () => {
    const keys = testKeys()
    const server = await harness(keys)
    const other = testKeys()
    const body = install()

    const response = await server.post(body, {
      'x-ghl-signature': other.signEd25519(body),
    })

    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      error: 'WEBHOOK_SIGNATURE_INVALID',
      reason: 'signature_invalid',
      message:
        'webhook: the x-ghl-signature signature does not match the raw ' +
        'body under the configured public key: check ' +
        'HOOPAI_WEBHOOK_PUBLIC_KEY',
    })
    expect(await server.storedRows()).toBe(0)
  })

  test('rejection logs are capped per minute', async () => {
    const server = await harness(testKeys())

    for (let i = 0; i < 30; i += 1) {
      await server.post(install())
    }
    const lines = server.logs.filter(
      (entry) => entry.message === 'webhook rejected',
    )

    expect(lines).toHaveLength(20)
    expect(lines[0]?.fields['reason']).toBe('signature_missing')
  })

  test('invalid Ed25519 with valid RSA gives 401', async () => {
    const keys = testKeys()
    const server = await harness(keys, true)
    const body = install()

    const response = await server.post(body, {
      'x-ghl-signature': testKeys().signEd25519(body),
      'x-wh-signature': keys.signRsa(body),
    })

    expect(response.status).toBe(401)
  })
})

describe('webhookVerifierFromEnv', () => {
  const baseEnv = {
    HOOPAI_CLIENT_ID: `${'a'.repeat(24)}-abc123`,
    HOOPAI_CLIENT_SECRET: 'secret',
    HOOPKIT_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
  }

  test('missing key fails startup naming it', () => {
    const env = parseEnv(hoopkitEnvSchema, {
      ...baseEnv,
      HOOPAI_WEBHOOK_PUBLIC_KEY: '',
    })

    const thrown = thrownBy(() => webhookVerifierFromEnv(env))

    expect(isHoopkitError(thrown, 'WEBHOOK_KEY_MISSING')).toBe(true)
    expect((thrown as Error).message).toContain('HOOPAI_WEBHOOK_PUBLIC_KEY')
  })

  test('legacy RSA without key fails startup', () => {
    const env = parseEnv(hoopkitEnvSchema, {
      ...baseEnv,
      HOOPKIT_WEBHOOK_LEGACY_RSA: 'true',
      HOOPAI_WEBHOOK_RSA_PUBLIC_KEY: '',
    })

    const thrown = thrownBy(() => webhookVerifierFromEnv(env))

    expect(isHoopkitError(thrown, 'WEBHOOK_KEY_MISSING')).toBe(true)
    expect((thrown as Error).message).toContain('HOOPAI_WEBHOOK_RSA_PUBLIC_KEY')
    expect((thrown as Error).message).toContain('HOOPKIT_WEBHOOK_LEGACY_RSA')
  })

  test('dev mode starts without key and rejects', () => {
    const env = parseEnv(hoopkitEnvSchema, {
      ...baseEnv,
      HOOPAI_WEBHOOK_PUBLIC_KEY: '',
      HOOPKIT_WEBHOOK_DEV_MODE: 'true',
    })
    const keys = testKeys()
    const body = Buffer.from(install())

    const verifier = webhookVerifierFromEnv(env)
    const result = verifier.verify(body, {
      'x-ghl-signature': keys.signEd25519(body),
    })

    expect(result).toEqual({
      ok: false,
      reason: 'key_missing',
      header: 'x-ghl-signature',
    })
  })

  test('defaults to the platform key', () => {
    const env = parseEnv(hoopkitEnvSchema, baseEnv)

    expect(env.HOOPAI_WEBHOOK_PUBLIC_KEY).toContain(
      'MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=',
    )
    expect(() => webhookVerifierFromEnv(env)).not.toThrow()
  })

  test('accepts two keys during a rotation', () => {
    const first = testKeys()
    const second = testKeys()
    const pems = [first.publicKey, second.publicKey]
      .map((key) => key.export({ type: 'spki', format: 'pem' }).toString())
      .join('\n')
    const env = parseEnv(hoopkitEnvSchema, {
      ...baseEnv,
      HOOPAI_WEBHOOK_PUBLIC_KEY: pems,
    })
    const body = Buffer.from(install())

    const verifier = webhookVerifierFromEnv(env)

    expect(
      verifier.verify(body, { 'x-ghl-signature': first.signEd25519(body) }).ok,
    ).toBe(true)
    expect(
      verifier.verify(body, { 'x-ghl-signature': second.signEd25519(body) }).ok,
    ).toBe(true)
  })

  test('accepts a base64 DER key', () => {
    const keys = testKeys()
    const der = keys.publicKey
      .export({ type: 'spki', format: 'der' })
      .toString('base64')
    const env = parseEnv(hoopkitEnvSchema, {
      ...baseEnv,
      HOOPAI_WEBHOOK_PUBLIC_KEY: der,
    })
    const body = Buffer.from(install())

    const verifier = webhookVerifierFromEnv(env)

    expect(
      verifier.verify(body, { 'x-ghl-signature': keys.signEd25519(body) }).ok,
    ).toBe(true)
  })
})

describe('webhook rejection messages', () => {
  const keys = testKeys()

  async function receiverWith(options: WebhookVerifierOptions) {
    const database = await openDatabase({ url: tempSqliteUrl() })
    const previous = close
    close = async () => {
      await previous?.()
      await database.close()
    }
    const inbox = new WebhookInbox(database.db)
    const verifier = new WebhookVerifier({ threads: 0, ...options })
    return new WebhookReceiver({ verifier, inbox })
  }

  test('missing key reply names its variable', async () => {
    const body = Buffer.from(install())
    const cases = [
      {
        verifier: { publicKeys: [], devMode: true },
        headers: { 'x-ghl-signature': keys.signEd25519(body) },
        header: 'x-ghl-signature',
        variable: 'HOOPAI_WEBHOOK_PUBLIC_KEY',
      },
      {
        verifier: {
          publicKeys: [keys.publicKey],
          legacyRsa: true,
          devMode: true,
        },
        headers: { 'x-wh-signature': keys.signRsa(body) },
        header: 'x-wh-signature',
        variable: 'HOOPAI_WEBHOOK_RSA_PUBLIC_KEY',
      },
    ]

    for (const { verifier, headers, header, variable } of cases) {
      const receiver = await receiverWith(verifier)
      const reply = await receiver.receive(body, headers)

      expect(reply.status).toBe(401)
      expect(reply.body['error']).toBe('WEBHOOK_KEY_MISSING')
      expect(reply.body['reason']).toBe('key_missing')
      expect(reply.body['message']).toContain(header)
      expect(reply.body['message']).toContain(variable)
    }
  })

  test('invalid RSA signature names its key', async () => {
    const receiver = await receiverWith({
      publicKeys: [keys.publicKey],
      rsaPublicKeys: [keys.rsaPublicKey],
      legacyRsa: true,
    })
    const body = Buffer.from(install())

    const reply = await receiver.receive(body, {
      'x-wh-signature': testKeys().signRsa(body),
    })

    expect(reply.status).toBe(401)
    expect(reply.body['error']).toBe('WEBHOOK_SIGNATURE_INVALID')
    expect(reply.body['message']).toContain('x-wh-signature')
    expect(reply.body['message']).toContain('HOOPAI_WEBHOOK_RSA_PUBLIC_KEY')
  })

  test('timestamp replies show the value', async () => {
    const receiver = await receiverWith({ publicKeys: [keys.publicKey] })
    const cases = [
      {
        timestamp: '2020-01-01T00:00:00.000Z',
        reason: 'timestamp_out_of_window',
        shown: '"2020-01-01T00:00:00.000Z"',
      },
      {
        timestamp: 1_700_000_000,
        reason: 'timestamp_out_of_window',
        shown: '1700000000',
      },
      {
        timestamp: 'yesterday',
        reason: 'timestamp_missing',
        shown: '"yesterday"',
      },
    ]

    for (const { timestamp, reason, shown } of cases) {
      const body = Buffer.from(
        JSON.stringify({ type: 'ContactCreate', timestamp, webhookId: shown }),
      )
      const reply = await receiver.receive(body, {
        'x-ghl-signature': keys.signEd25519(body),
      })

      expect(reply.status).toBe(401)
      expect(reply.body['reason']).toBe(reason)
      expect(reply.body['message']).toContain(shown)
    }
  })
})

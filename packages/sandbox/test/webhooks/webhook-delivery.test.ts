import { createPublicKey } from 'node:crypto'
import { WebhookVerifier } from '@hoopkit/core'
import { afterEach, describe, expect, test } from 'vitest'
import { webhookSenderOf } from '../../src/webhooks/webhook-module.js'
import { startWebhookTestbed } from './webhook-test-app.js'

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

async function testbed(options: Parameters<typeof startWebhookTestbed>[0]) {
  const started = await startWebhookTestbed(options)
  close = started.close
  return { ...started, sender: webhookSenderOf(started.sandbox.context) }
}

const contact = {
  type: 'ContactCreate',
  locationId: 'SbxLocHarborDental01',
  id: 'c1',
}

describe('sandbox retry policies', () => {
  test('older policy drops a 500', async () => {
    const bed = await testbed({ plan: () => 500 })

    const delivery = bed.sender.send(bed.app.appId, contact)
    await bed.sender.settled()

    expect(bed.received).toHaveLength(1)
    expect(delivery?.status).toBe('failed')
  })

  test('older policy retries 429 six times', async () => {
    const bed = await testbed({ plan: () => 429, timeScale: 100_000 })

    const delivery = bed.sender.send(bed.app.appId, contact)
    await bed.sender.settled()

    expect(bed.received).toHaveLength(7)
    expect(delivery?.status).toBe('failed')
  })

  test('older policy stops at the first 2xx', async () => {
    const bed = await testbed({
      plan: (index) => (index < 2 ? 429 : 200),
      timeScale: 100_000,
    })

    const delivery = bed.sender.send(bed.app.appId, contact)
    await bed.sender.settled()

    expect(bed.received).toHaveLength(3)
    expect(delivery?.status).toBe('delivered')
  })

  test('current policy retries any failure twelve times', async () => {
    const bed = await testbed({
      plan: () => 500,
      timeScale: 10_000,
      behaviour: { webhookRetryPolicy: 'current' },
    })

    const delivery = bed.sender.send(bed.app.appId, contact)
    await bed.sender.settled()

    expect(bed.received).toHaveLength(13)
    expect(delivery?.status).toBe('failed')
  })

  test('current policy retries connection failures', async () => {
    const bed = await testbed({
      timeScale: 10_000,
      behaviour: { webhookRetryPolicy: 'current' },
    })

    const delivery = bed.sender.sendTo(
      'http://127.0.0.1:9/webhooks',
      bed.app.appId,
      contact,
    )
    await bed.sender.settled()

    expect(delivery.attempts).toHaveLength(13)
    expect(
      delivery.attempts.every(
        (attempt) => attempt.error === 'connection_failed',
      ),
    ).toBe(true)
  })

  test('current policy retries a timeout', async () => {
    const bed = await testbed({
      plan: (index) => (index === 0 ? 'hang' : 200),
      timeScale: 1000,
      behaviour: {
        webhookRetryPolicy: 'current',
        webhookDeliveryTimeoutSeconds: 100,
      },
    })

    const delivery = bed.sender.send(bed.app.appId, contact)
    await bed.sender.settled()

    expect(delivery?.attempts.map((attempt) => attempt.error)).toEqual([
      'timeout',
      null,
    ])
    expect(delivery?.status).toBe('delivered')
  })

  test('successful resend cancels the retries', async () => {
    const bed = await testbed({
      plan: () => 503,
      timeScale: 10,
      behaviour: { webhookRetryPolicy: 'current' },
    })
    const delivery = bed.sender.send(bed.app.appId, contact)
    for (let i = 0; i < 200 && delivery?.status !== 'retrying'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }

    bed.setPlan(() => 200)
    await bed.sender.resend(delivery?.id ?? '')
    await bed.sender.settled()

    expect(delivery?.attempts.map((attempt) => attempt.kind)).toEqual([
      'first',
      'resend',
    ])
    expect(delivery?.status).toBe('delivered')
    expect(delivery?.nextAttemptAt).toBeNull()
  })
})

describe('sandbox webhook bytes', () => {
  test('retries resend identical bytes', async () => {
    const bed = await testbed({
      plan: (index) => (index === 0 ? 429 : 200),
      timeScale: 100_000,
    })

    bed.sender.send(bed.app.appId, contact)
    await bed.sender.settled()

    expect(bed.received).toHaveLength(2)
    expect(
      bed.received[1]?.body.equals(bed.received[0]?.body ?? Buffer.alloc(0)),
    ).toBe(true)
  })

  test('fresh retries keep the webhookId', async () => {
    const bed = await testbed({
      plan: (index) => (index === 0 ? 429 : 200),
      timeScale: 100_000,
      behaviour: { webhookRetryBytes: 'fresh' },
    })
    const verifier = new WebhookVerifier({
      publicKeys: [
        createPublicKey(bed.sandbox.context.webhookKeys.publicKeyPem),
      ],
    })

    bed.sender.send(bed.app.appId, contact)
    await bed.sender.settled()
    const [first, second] = bed.received.map((entry) =>
      JSON.parse(entry.body.toString()),
    )

    expect(second.webhookId).toBe(first.webhookId)
    expect(second.timestamp).not.toBe(first.timestamp)
    expect(
      verifier.verify(
        bed.received[1]?.body ?? Buffer.alloc(0),
        bed.received[1]?.headers ?? {},
      ).ok,
    ).toBe(true)
  })

  test('compact JSON with timestamp and webhookId', async () => {
    const bed = await testbed({})

    bed.sender.send(bed.app.appId, { ...contact, name: 'Zoë / R' })
    await bed.sender.settled()
    const text = bed.received[0]?.body.toString('utf8') ?? ''
    const parsed = JSON.parse(text)

    expect(text).toBe(JSON.stringify(parsed))
    expect(parsed.webhookId).toMatch(/^[0-9a-f-]{36}$/)
    expect(new Date(parsed.timestamp).toISOString()).toBe(parsed.timestamp)
  })

  test('hostile bytes verify only as received', async () => {
    const bed = await testbed({ behaviour: { webhookHostileBytes: true } })
    const verifier = new WebhookVerifier({
      publicKeys: [
        createPublicKey(bed.sandbox.context.webhookKeys.publicKeyPem),
      ],
    })

    bed.sender.send(bed.app.appId, { ...contact, name: 'Zoë / R', amount: 10 })
    await bed.sender.settled()
    const entry = bed.received[0]
    const text = entry?.body.toString('utf8') ?? ''
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(text)))

    expect(text).toContain('Zo\\u00eb \\/ R')
    expect(text).toContain('"amount":10.0')
    expect(JSON.parse(text).name).toBe('Zoë / R')
    expect(
      verifier.verify(entry?.body ?? Buffer.alloc(0), entry?.headers ?? {}).ok,
    ).toBe(true)
    expect(verifier.verify(reserialised, entry?.headers ?? {}).ok).toBe(false)
  })

  test('both signature headers verify', async () => {
    const bed = await testbed({ behaviour: { webhookRsaHeader: 'both' } })
    const context = bed.sandbox.context
    const rsaOnly = new WebhookVerifier({
      publicKeys: [createPublicKey(context.webhookKeys.publicKeyPem)],
      rsaPublicKeys: [createPublicKey(context.webhookKeys.rsaPublicKeyPem)],
      legacyRsa: true,
    })

    bed.sender.send(bed.app.appId, contact)
    await bed.sender.settled()
    const entry = bed.received[0]
    const { 'x-ghl-signature': _current, ...legacyHeaders } =
      entry?.headers ?? {}

    expect(entry?.headers['x-ghl-signature']).toBeTypeOf('string')
    expect(
      rsaOnly.verify(entry?.body ?? Buffer.alloc(0), legacyHeaders).ok,
    ).toBe(true)
  })

  test('N/A legacy header setting', async () => {
    const bed = await testbed({ behaviour: { webhookRsaHeader: 'na' } })

    bed.sender.send(bed.app.appId, contact)
    await bed.sender.settled()

    expect(bed.received[0]?.headers['x-wh-signature']).toBe('N/A')
  })

  test('data wrapper setting', async () => {
    const bed = await testbed({ behaviour: { webhookBodyShape: 'data' } })

    bed.sender.send(bed.app.appId, contact)
    await bed.sender.settled()
    const parsed = JSON.parse(bed.received[0]?.body.toString() ?? '{}')

    expect(parsed.data.type).toBe('ContactCreate')
    expect(parsed.data.webhookId).toBeTypeOf('string')
  })

  test('duplicate rate 1 sends twice', async () => {
    const bed = await testbed({ behaviour: { webhookDuplicateRate: 1 } })

    bed.sender.send(bed.app.appId, contact)
    await bed.sender.settled()

    expect(bed.received).toHaveLength(2)
    expect(
      bed.received[1]?.body.equals(bed.received[0]?.body ?? Buffer.alloc(0)),
    ).toBe(true)
  })
})

describe('sandbox circuit breaker', () => {
  test('warns, then pauses, until re-enabled', async () => {
    const bed = await testbed({
      plan: () => 500,
      behaviour: { webhookBreakerMinVolume: 20 },
    })
    const url = `${bed.appUrl}/webhooks`
    const sendBatch = async (count: number) => {
      for (let i = 0; i < count; i += 1) {
        bed.sender.send(bed.app.appId, contact)
      }
      await bed.sender.settled()
    }

    await sendBatch(25)
    const firstCheck = bed.sender.breaker.check(url)
    await sendBatch(25)
    const secondCheck = bed.sender.breaker.check(url)
    const receivedWhilePaused = bed.received.length
    const held = bed.sender.send(bed.app.appId, contact)
    await bed.sender.settled()
    const heldStatus = held?.status
    const receivedAfterHeld = bed.received.length

    bed.setPlan(() => 200)
    bed.sender.reenable(url)
    await bed.sender.settled()

    expect(firstCheck).toBe('warned')
    expect(secondCheck).toBe('paused')
    expect(heldStatus).toBe('paused')
    expect(receivedAfterHeld).toBe(receivedWhilePaused)
    expect(held?.status).toBe('delivered')
    expect(bed.sender.breaker.state(url)).toBe('ok')
  })

  test('healthy URL stays enabled', async () => {
    const bed = await testbed({
      plan: (index) => (index % 20 === 0 ? 500 : 200),
      behaviour: { webhookBreakerMinVolume: 20 },
    })
    const url = `${bed.appUrl}/webhooks`

    for (let i = 0; i < 40; i += 1) {
      bed.sender.send(bed.app.appId, contact)
    }
    await bed.sender.settled()

    expect(bed.sender.breaker.check(url)).toBe('ok')
    expect(bed.sender.breaker.check(url)).toBe('ok')
  })

  test('scheduled check runs after 3 platform days', async () => {
    // 3 platform days last about 26 ms at this scale.
    const bed = await testbed({
      plan: () => 500,
      timeScale: 10_000_000,
      behaviour: { webhookBreakerMinVolume: 5 },
    })
    const url = `${bed.appUrl}/webhooks`

    for (let i = 0; i < 10; i += 1) {
      bed.sender.send(bed.app.appId, contact)
    }
    await bed.sender.settled()

    for (let i = 0; i < 100 && bed.sender.breaker.state(url) === 'ok'; i += 1) {
      bed.sender.send(bed.app.appId, contact)
      await bed.sender.settled()
    }

    expect(bed.sender.breaker.state(url)).not.toBe('ok')
  })
})

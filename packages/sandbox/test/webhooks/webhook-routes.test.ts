import { createPublicKey } from 'node:crypto'
import { WebhookVerifier } from '@hoopkit/core'
import { afterEach, describe, expect, test } from 'vitest'
import { seedIds } from '../../src/state/seed-data.js'
import { webhookSenderOf } from '../../src/webhooks/webhook-module.js'
import type { WebhookDelivery } from '../../src/webhooks/webhook-sender.js'
import { startWebhookTestbed } from './webhook-test-app.js'

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

async function testbed(
  options: Parameters<typeof startWebhookTestbed>[0] = {},
) {
  const started = await startWebhookTestbed(options)
  close = started.close
  return { ...started, sender: webhookSenderOf(started.sandbox.context) }
}

async function trigger(url: string, input: Record<string, unknown>) {
  const response = await fetch(`${url}/_sandbox/webhooks/trigger`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  })
  return {
    status: response.status,
    body: (await response.json()) as {
      delivery: WebhookDelivery
      location?: { id: string; name: string | null } | null
      message?: string
    },
  }
}

describe('sandbox webhook routes', () => {
  test('trigger sends a fixture for a location', async () => {
    const bed = await testbed()
    const verifier = new WebhookVerifier({
      publicKeys: [
        createPublicKey(bed.sandbox.context.webhookKeys.publicKeyPem),
      ],
    })

    const result = await trigger(bed.sandbox.url, {
      type: 'ContactCreate',
      locationId: seedIds.peak,
    })
    const entry = bed.received[0]
    const body = JSON.parse(entry?.body.toString() ?? '{}')

    expect(result.status).toBe(200)
    expect(result.body.delivery.status).toBe('delivered')
    expect(body.type).toBe('ContactCreate')
    expect(body.locationId).toBe(seedIds.peak)
    expect(
      verifier.verify(entry?.body ?? Buffer.alloc(0), entry?.headers ?? {}).ok,
    ).toBe(true)
  })

  test('trigger fills app ids in INSTALL', async () => {
    const bed = await testbed()

    await trigger(bed.sandbox.url, {
      type: 'INSTALL',
      locationId: seedIds.harbor,
    })
    const body = JSON.parse(bed.received[0]?.body.toString() ?? '{}')

    expect(body.appId).toBe(bed.app.appId)
    expect(body.versionId).toBe(bed.app.versionId)
    expect(body.locationId).toBe(seedIds.harbor)
  })

  test('trigger sends a given body', async () => {
    const bed = await testbed()

    await trigger(bed.sandbox.url, {
      type: 'CustomThing',
      body: { type: 'CustomThing', locationId: 'x', value: 3 },
    })
    const body = JSON.parse(bed.received[0]?.body.toString() ?? '{}')

    expect(body.value).toBe(3)
    expect(body.webhookId).toBeTypeOf('string')
  })

  test('trigger rejects body of another type', async () => {
    const bed = await testbed()

    const result = await trigger(bed.sandbox.url, {
      type: 'ContactCreate',
      body: { type: 'ContactDelete', locationId: seedIds.harbor },
    })

    expect(result.status).toBe(400)
    expect(result.body.message).toContain('"ContactDelete"')
    expect(result.body.message).toContain('"ContactCreate"')
    expect(result.body.message).toContain('make them match')
    expect(bed.received).toHaveLength(0)
  })

  test('InvoicePaid has no type by default', async () => {
    const bed = await testbed()

    await trigger(bed.sandbox.url, {
      type: 'InvoicePaid',
      locationId: seedIds.harbor,
    })
    const body = JSON.parse(bed.received[0]?.body.toString() ?? '{}')

    expect(body.type).toBeUndefined()
    expect(body.altId).toBe(seedIds.harbor)
    expect(body.status).toBe('paid')
  })

  test('appointment types follow the setting', async () => {
    const bed = await testbed({
      behaviour: { appointmentEventTypes: 'create-for-all' },
    })

    await trigger(bed.sandbox.url, { type: 'AppointmentUpdate' })
    const body = JSON.parse(bed.received[0]?.body.toString() ?? '{}')

    expect(body.type).toBe('AppointmentCreate')
  })

  test('trigger rejects unknown location', async () => {
    const bed = await testbed()

    const result = await trigger(bed.sandbox.url, {
      type: 'ContactCreate',
      locationId: 'NoSuchLocation',
    })

    expect(result.status).toBe(400)
    expect(result.body.message).toContain('"NoSuchLocation"')
    expect(result.body.message).toContain(seedIds.harbor)
    expect(result.body.message).toContain(seedIds.peak)
    expect(result.body.message).toContain('Harbor Dental')
    expect(bed.received).toHaveLength(0)
  })

  test('trigger rejects unknown company', async () => {
    const bed = await testbed()

    const result = await trigger(bed.sandbox.url, {
      type: 'ContactCreate',
      companyId: 'NoSuchCompany',
    })

    expect(result.status).toBe(400)
    expect(result.body.message).toContain('"NoSuchCompany"')
    expect(result.body.message).toContain(seedIds.company)
    expect(bed.received).toHaveLength(0)
  })

  test('trigger reply names the sent location', async () => {
    const bed = await testbed()

    const chosen = await trigger(bed.sandbox.url, {
      type: 'ContactCreate',
      locationId: seedIds.peak,
    })
    const fromFixture = await trigger(bed.sandbox.url, {
      type: 'InvoicePaid',
    })

    expect(chosen.body.location).toEqual({
      id: seedIds.peak,
      name: 'Peak Fitness',
    })
    expect(fromFixture.body.location).toEqual({
      id: seedIds.harbor,
      name: 'Harbor Dental',
    })
  })

  test('unknown fixture gives 400 listing types', async () => {
    const bed = await testbed()

    const result = await trigger(bed.sandbox.url, { type: 'NoSuchEvent' })

    expect(result.status).toBe(400)
    expect(result.body.message).toContain('ContactCreate')
  })

  test('new contact form sends ContactCreate', async () => {
    const bed = await testbed()
    bed.sandbox.context.installs.add({
      appId: bed.app.appId,
      versionId: bed.app.versionId,
      userType: 'Location',
      companyId: seedIds.company,
      locationId: seedIds.harbor,
      userId: seedIds.agencyAdmin,
      isBulkInstallation: false,
      installToFutureLocations: false,
      installedAt: new Date().toISOString(),
    })

    const response = await fetch(`${bed.sandbox.url}/ui/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        locationId: seedIds.harbor,
        firstName: 'Ines',
        lastName: 'Duarte',
        email: 'ines@example.test',
      }),
      redirect: 'manual',
    })
    await bed.sender.settled()
    const body = JSON.parse(bed.received[0]?.body.toString() ?? '{}')

    expect(response.status).toBe(303)
    expect(body.type).toBe('ContactCreate')
    expect(body.firstName).toBe('Ines')
    expect(body.locationId).toBe(seedIds.harbor)
  })

  test('contact events skip apps not installed', async () => {
    const bed = await testbed()

    const [seeded] = bed.sandbox.context.state.contacts.values()
    if (seeded === undefined) {
      throw new Error('expected seed contacts')
    }
    bed.sandbox.context.events.emit('contactCreated', seeded)
    await bed.sender.settled()

    expect(bed.received).toHaveLength(0)
  })

  test('log page lists deliveries and the key', async () => {
    const bed = await testbed()
    await trigger(bed.sandbox.url, { type: 'TaskCreate' })

    const page = await (await fetch(`${bed.sandbox.url}/ui/webhooks`)).text()
    const home = await (await fetch(`${bed.sandbox.url}/`)).text()

    expect(page).toContain('TaskCreate')
    expect(page).toContain('delivered')
    expect(page).toContain('Resend')
    expect(page).toContain('BEGIN PUBLIC KEY')
    expect(home).toContain('href="/ui/webhooks')
  })

  test('resend route sends the bytes again', async () => {
    const bed = await testbed()
    const { body } = await trigger(bed.sandbox.url, { type: 'TaskCreate' })

    const response = await fetch(
      `${bed.sandbox.url}/_sandbox/webhooks/${body.delivery.id}/resend`,
      { method: 'POST' },
    )

    expect(response.status).toBe(200)
    expect(bed.received).toHaveLength(2)
    expect(
      bed.received[1]?.body.equals(bed.received[0]?.body ?? Buffer.alloc(0)),
    ).toBe(true)
  })
})

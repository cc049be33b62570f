import { afterEach, describe, expect, test } from 'vitest'
import {
  eventBody,
  startHarness,
  testKeys,
  waitFor,
} from './webhook-harness.js'

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

function bodyOfSize(bytes: number, webhookId: string): string {
  const start = eventBody({
    type: 'InboundMessage',
    locationId: 'loc_A1',
    webhookId,
    text: '',
  })
  return start.replace(
    '"text":""',
    `"text":"${'x'.repeat(bytes - start.length)}"`,
  )
}

describe('webhook body limit', () => {
  test('300 KB event is accepted by default', async () => {
    const server = await startHarness({ keys: testKeys() })
    close = server.close
    const body = bodyOfSize(300 * 1024, 'wh_big')

    const response = await server.postSigned(body)

    expect(Buffer.byteLength(body)).toBe(300 * 1024)
    expect(response.status).toBe(200)
    expect(await server.inbox.has('wh_big')).toBe(true)
  })

  test('body above the limit gives 413 and a log', async () => {
    const server = await startHarness({
      keys: testKeys(),
      receiver: { bodyLimitBytes: 1024 * 1024 },
    })
    close = server.close
    const body = bodyOfSize(1024 * 1024 + 10, 'wh_huge')

    const response = await server.postSigned(body)
    await waitFor(() =>
      server.logs.some((entry) => entry.message === 'webhook body too large'),
    )
    const entry = server.logs.find(
      (line) => line.message === 'webhook body too large',
    )

    expect(response.status).toBe(413)
    expect(entry?.fields['sizeBytes']).toBe(1024 * 1024 + 10)
    expect(entry?.fields['webhookId']).toBe('wh_huge')
    expect(await server.inbox.has('wh_huge')).toBe(false)
  })

  test('default limit is 5 MiB', async () => {
    const server = await startHarness({ keys: testKeys() })
    close = server.close

    expect(server.receiver.bodyLimitBytes).toBe(5 * 1024 * 1024)
  })
})

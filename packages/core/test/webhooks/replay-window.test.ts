import { tempSqliteUrl } from '@hoopkit/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type LogEntry, startHarness, testKeys } from './webhook-harness.js'
import { startWebhookProcess, type WebhookProcess } from './webhook-process.js'

const keys = testKeys()
const minute = 60 * 1000

// London equals UTC in winter, so a zone with a fixed offset runs the same
// checks where reading local time as UTC would be off by 5.5 hours.
describe.each(['Europe/London', 'Asia/Kolkata'])(
  'replay window in %s',
  (zone) => {
    let backend: WebhookProcess

    // The backend runs in its own process so that TZ applies before Node reads
    // the time zone.
    beforeAll(async () => {
      backend = await startWebhookProcess({
        databaseUrl: tempSqliteUrl(),
        publicKey: keys.publicKey,
        env: { TZ: zone },
      })
    })
    afterAll(async () => {
      await backend.stop()
    })

    function post(timestampMs: number, webhookId: string, headers = {}) {
      const body = JSON.stringify({
        type: 'ContactCreate',
        locationId: 'loc_A1',
        id: 'c1',
        timestamp: new Date(timestampMs).toISOString(),
        webhookId,
      })
      return fetch(`${backend.url}/webhooks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-ghl-signature': keys.signEd25519(body),
          ...headers,
        },
        body,
      })
    }

    describe('webhook replay window', () => {
      test('six minutes old gives 401', async () => {
        const sentMs = Date.now() - 6 * minute
        const response = await post(sentMs, 'wh_old')
        const reply = (await response.json()) as Record<string, string>

        expect(response.status).toBe(401)
        expect(reply['error']).toBe('WEBHOOK_TIMESTAMP_OUT_OF_WINDOW')
        expect(reply['reason']).toBe('timestamp_out_of_window')
        expect(reply['message']).toContain(new Date(sentMs).toISOString())
        expect(reply['message']).toContain('more than 300 s')
        expect(reply['message']).toContain(
          "check the server's clock or HOOPKIT_WEBHOOK_TOLERANCE_SECONDS",
        )
      })

      test('90 seconds ahead gives 200', async () => {
        const response = await post(Date.now() + 90 * 1000, 'wh_ahead')

        expect(response.status).toBe(200)
      })

      test('current timestamp gives 200', async () => {
        const response = await post(Date.now(), 'wh_now')

        expect(response.status).toBe(200)
      })

      test('unsigned header claiming now is ignored', async () => {
        const now = new Date().toISOString()
        const response = await post(Date.now() - 6 * minute, 'wh_header', {
          timestamp: now,
          'x-ghl-timestamp': now,
          date: new Date().toUTCString(),
        })

        expect(response.status).toBe(401)
      })

      test('offset-free ISO time is read as UTC', async () => {
        const local = new Date().toISOString().replace('Z', '')
        const body = JSON.stringify({
          type: 'ContactCreate',
          locationId: 'loc_A1',
          timestamp: local,
          webhookId: 'wh_local',
        })

        const response = await fetch(`${backend.url}/webhooks`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-ghl-signature': keys.signEd25519(body),
          },
          body,
        })

        expect(response.status).toBe(200)
      })
    })
  },
)

describe('replay window rejections', () => {
  test('log names the timestamp and window', async () => {
    const logs: LogEntry[] = []
    await using server = await startHarness({ keys, logs })
    const timestamp = new Date(Date.now() - 6 * minute).toISOString()
    const body = JSON.stringify({
      type: 'ContactCreate',
      locationId: 'loc_A1',
      timestamp,
      webhookId: 'wh_late',
    })

    const response = await server.post(body, {
      'content-type': 'application/json',
      'x-ghl-signature': keys.signEd25519(body),
    })
    const line = logs.find((entry) => entry.message === 'webhook rejected')

    expect(response.status).toBe(401)
    expect(line?.fields['reason']).toBe('timestamp_out_of_window')
    expect(line?.fields['webhookId']).toBe('wh_late')
    expect(line?.fields['timestamp']).toBe(JSON.stringify(timestamp))
    expect(line?.fields['toleranceMs']).toBe(300_000)
  })

  test('unreadable timestamp is named invalid', async () => {
    await using server = await startHarness({ keys })
    const body = JSON.stringify({
      type: 'ContactCreate',
      timestamp: 'yesterday',
      webhookId: 'wh_words',
    })

    const response = await server.post(body, {
      'content-type': 'application/json',
      'x-ghl-signature': keys.signEd25519(body),
    })
    const reply = (await response.json()) as Record<string, string>

    expect(response.status).toBe(401)
    expect(reply['reason']).toBe('timestamp_missing')
    expect(reply['message']).toContain('no valid timestamp')
  })

  test('retry of a 429 passes the window', async () => {
    let nowMs = Date.now()
    let failures = 1
    await using server = await startHarness({
      keys,
      receiver: {
        now: () => nowMs,
        beforeAcknowledge: async () => {
          if (failures > 0) {
            failures -= 1
            throw new Error('cleanup step failed')
          }
        },
      },
    })
    const signed = (webhookId: string) => {
      const body = JSON.stringify({
        type: 'UNINSTALL',
        appId: 'app_T1',
        locationId: 'loc_A1',
        timestamp: new Date(nowMs).toISOString(),
        webhookId,
      })
      return { body, signature: keys.signEd25519(body) }
    }
    const post = ({ body, signature }: ReturnType<typeof signed>) =>
      server.post(body, {
        'content-type': 'application/json',
        'x-ghl-signature': signature,
      })
    const uninstall = signed('wh_retry_429')
    const unrelated = signed('wh_never_429')

    const first = await post(uninstall)
    nowMs += 10 * minute
    const retry = await post(uninstall)
    const replay = await post(uninstall)
    const other = await post(unrelated)

    expect(first.status).toBe(429)
    expect(retry.status).toBe(200)
    expect(await retry.json()).toEqual({ status: 'stored' })
    expect(await replay.json()).toEqual({ status: 'duplicate' })
    expect(other.status).toBe(401)
    expect(await server.inbox.has('wh_never_429')).toBe(false)
  })
})

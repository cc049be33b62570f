import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { HoopkitError } from '@hoopkit/core'
import type { WebhookDelivery } from '@hoopkit/sandbox'

export interface TriggerOptions {
  /** The running sandbox, such as `http://127.0.0.1:4100`. */
  sandboxUrl: string
  /** The event type, which names the fixture in `packages/sandbox/fixtures`. */
  type: string
  locationId?: string
  companyId?: string
  /** The registered app to send to, needed when the sandbox has several. */
  appId?: string
  /** A JSON file whose object is sent instead of the fixture. */
  file?: string
  print: (line: string) => void
}

/**
 * Asks the running sandbox to send one event to the app, signed and
 * retried as the platform does, and prints how the app replied. Returns 0
 * when the app acknowledged it with a 2xx, 1 otherwise.
 */
export async function runTrigger(options: TriggerOptions): Promise<number> {
  const response = await postTrigger(options)
  const reply = (await response.json()) as {
    delivery?: WebhookDelivery
    message?: string
  }
  if (!response.ok || reply.delivery === undefined) {
    options.print(
      `trigger failed: the sandbox replied ${response.status}: ${reply.message ?? 'no message'}`,
    )
    return 1
  }

  const { delivery } = reply
  const first = delivery.attempts[0]
  options.print(`${delivery.type} ${delivery.webhookId} → ${delivery.url}`)
  options.print(
    `app replied ${first?.status ?? first?.error ?? 'nothing yet'}; delivery is ${delivery.status}` +
      (delivery.nextAttemptAt
        ? `, next retry at ${delivery.nextAttemptAt}`
        : ''),
  )
  options.print(
    `see ${options.sandboxUrl}/ui/webhooks for the body and retries`,
  )
  return delivery.status === 'delivered' ? 0 : 1
}

async function postTrigger(options: TriggerOptions): Promise<Response> {
  const body = {
    type: options.type,
    ...(options.locationId ? { locationId: options.locationId } : {}),
    ...(options.companyId ? { companyId: options.companyId } : {}),
    ...(options.appId ? { appId: options.appId } : {}),
    ...(options.file ? { body: readBodyFile(options.file) } : {}),
  }
  const url = `${options.sandboxUrl.replace(/\/$/, '')}/_sandbox/webhooks/trigger`
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    })
  } catch (error) {
    throw new HoopkitError(
      'CONFIG_INVALID',
      `trigger: no sandbox answered at ${options.sandboxUrl}: start it with ` +
        '`pnpm dev`, or pass --sandbox <url>',
      { cause: error },
    )
  }
}

function readBodyFile(file: string): Record<string, unknown> {
  const path = resolve(file)
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new HoopkitError(
      'CONFIG_INVALID',
      `trigger --file: cannot read ${path} as JSON: check the path and syntax`,
      { cause: error },
    )
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HoopkitError(
      'CONFIG_INVALID',
      `trigger --file: expected a JSON object in ${path}, got ${Array.isArray(parsed) ? 'an array' : typeof parsed}`,
    )
  }
  return parsed as Record<string, unknown>
}

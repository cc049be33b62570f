import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { HoopkitError } from '@hoopkit/core'
import type { WebhookDelivery } from '@hoopkit/sandbox'

export interface TriggerOptions {
  /** The running sandbox, such as `http://127.0.0.1:4100`. */
  sandboxUrl: string
  /**
   * The origin of `sandboxUrl`, such as `the URL of --sandbox`, for the
   * message when no sandbox responds there.
   */
  sandboxSource?: string
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

/** The sandbox's reply to `POST /_sandbox/webhooks/trigger`. */
interface TriggerReply {
  delivery?: WebhookDelivery
  /** The sub-account that the sent body names, `null` when it names none. */
  location?: { id: string; name: string | null } | null
  message?: string
}

/**
 * Asks the running sandbox to send one event to the app, signed and
 * retried as the platform does, and prints the sub-account it named and
 * how the app replied. Returns 0 when the app acknowledged it with a 2xx,
 * 1 otherwise. Throws when no sandbox responds or the sandbox rejects the
 * request, such as for an unknown event type or location id.
 */
export async function runTrigger(options: TriggerOptions): Promise<number> {
  const response = await postTrigger(options)
  const reply = await readReply(options, response)
  if (!response.ok || reply.delivery === undefined) {
    throw new HoopkitError(
      'CONFIG_INVALID',
      `the sandbox at ${options.sandboxUrl} rejected the event with ` +
        `HTTP ${response.status}: ${sandboxMessage(reply)}`,
    )
  }

  const { delivery } = reply
  const first = delivery.attempts[0]
  options.print(`${delivery.type} ${delivery.webhookId} → ${delivery.url}`)
  const location = locationLine(options, reply.location ?? null)
  if (location !== undefined) {
    options.print(location)
  }
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

/**
 * Describes the sub-account that the event named, and adds where it came
 * from when that was the fixture or the `--file` body, not `--location`.
 */
function locationLine(
  options: TriggerOptions,
  location: { id: string; name: string | null } | null,
): string | undefined {
  if (location === null) {
    return undefined
  }

  const label = location.name
    ? `${location.id} (${location.name})`
    : `${location.id} (not a sub-account of this sandbox)`
  if (options.locationId !== undefined) {
    return `location: ${label}`
  }
  const origin = options.file ? '--file' : 'the fixture'
  return (
    `location: ${label}, from ${origin}: pass --location <id> to send ` +
    'to another sub-account'
  )
}

async function readReply(
  options: TriggerOptions,
  response: Response,
): Promise<TriggerReply> {
  try {
    return (await response.json()) as TriggerReply
  } catch (error) {
    throw new HoopkitError(
      'CONFIG_INVALID',
      `the server at ${options.sandboxUrl} is not a hoopkit sandbox: it ` +
        `replied HTTP ${response.status} without JSON: pass the sandbox ` +
        'URL with --sandbox <url>',
      { cause: error },
    )
  }
}

// The sandbox starts its messages with `trigger: `, which would repeat
// the CLI's own `hoopkit trigger: ` prefix.
function sandboxMessage(reply: TriggerReply): string {
  const message = reply.message ?? 'no message'
  return message.startsWith('trigger: ')
    ? message.slice('trigger: '.length)
    : message
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
    const source = options.sandboxSource ? `, ${options.sandboxSource}` : ''
    throw new HoopkitError(
      'CONFIG_INVALID',
      `no sandbox answered at ${options.sandboxUrl}${source}: start the ` +
        'sandbox with `pnpm dev`, or pass --sandbox <url>',
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
      `--file ${path}: cannot read it as JSON: check the path and syntax`,
      { cause: error },
    )
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HoopkitError(
      'CONFIG_INVALID',
      `--file ${path}: expected a JSON object, got ${Array.isArray(parsed) ? 'an array' : typeof parsed}`,
    )
  }
  return parsed as Record<string, unknown>
}

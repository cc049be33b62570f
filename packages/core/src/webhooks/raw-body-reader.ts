import type { IncomingMessage } from 'node:http'

/** The bytes of one request body, or the facts about one that was too large. */
export type RawBodyResult =
  | { ok: true; body: Buffer }
  | {
      ok: false
      reason: 'body_too_large'
      /** The bytes received before reading stopped. */
      sizeBytes: number
      /** The webhookId found near the start or end of the body, if any. */
      webhookId: string | undefined
    }

const keptEdgeBytes = 4096
const webhookIdPattern = /"webhookId"\s*:\s*"([^"\\]{1,200})"/

/**
 * Reads a request body into one buffer, up to `limitBytes`. Past the limit it
 * keeps only the first and last 4 KiB, so the webhookId can still be logged,
 * and it stops reading at four times the limit.
 */
export function readRawBody(
  stream: NodeJS.ReadableStream,
  limitBytes: number,
): Promise<RawBodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let head: Buffer | undefined
    let tail = Buffer.alloc(0)

    const finishTooLarge = () => {
      stream.removeListener('data', onData)
      const edges = `${head?.toString('utf8') ?? ''}\n${tail.toString('utf8')}`
      resolve({
        ok: false,
        reason: 'body_too_large',
        sizeBytes: size,
        webhookId: webhookIdPattern.exec(edges)?.[1],
      })
    }

    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      size += bytes.length
      if (size <= limitBytes) {
        chunks.push(bytes)
        return
      }

      if (head === undefined) {
        head = Buffer.concat(chunks).subarray(0, keptEdgeBytes)
        chunks.length = 0
      }
      tail = Buffer.concat([tail, bytes]).subarray(-keptEdgeBytes)
      if (size > limitBytes * 4) {
        finishTooLarge()
        stream.pause()
      }
    }

    stream.on('data', onData)
    stream.once('error', reject)
    stream.once('end', () => {
      if (size > limitBytes) {
        finishTooLarge()
        return
      }
      resolve({ ok: true, body: Buffer.concat(chunks, size) })
    })
  })
}

/**
 * Tells whether something has already read a request's body, such as a JSON
 * parser that ran first. Reading such a stream again would wait forever.
 */
export function isBodyConsumed(request: IncomingMessage): boolean {
  const withBody = request as IncomingMessage & { body?: unknown }
  return (
    withBody.body !== undefined ||
    request.readableEnded ||
    request.readableDidRead
  )
}

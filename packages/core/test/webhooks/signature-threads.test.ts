import { execFileSync } from 'node:child_process'
import { generateKeyPairSync, sign } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, promises } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import {
  type SignatureJob,
  SignatureThreads,
} from '../../src/webhooks/signature-threads.js'
import { WebhookVerifier } from '../../src/webhooks/webhook-verifier.js'
import { startHarness, testKeys } from './webhook-harness.js'

const ed = generateKeyPairSync('ed25519')
const other = generateKeyPairSync('ed25519')
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })

function edJob(body: string, keys = [ed.publicKey]): SignatureJob {
  const bytes = Buffer.from(body)
  const signature = sign(null, bytes, ed.privateKey)
  return { digest: null, body: bytes, signature, keys }
}

describe('signature threads', () => {
  test('batch results follow their jobs', async () => {
    const threads = new SignatureThreads(2)
    const jobs = Array.from({ length: 40 }, (_, index) => {
      const job = edJob(`{"n":${index}}`)
      if (index % 3 === 0) {
        // Another body under the same signature.
        return { ...job, body: Buffer.from(`{"n":${index + 1}}`) }
      }
      return job
    })

    const results = await Promise.all(jobs.map((job) => threads.verify(job)))
    await threads.close()

    expect(results).toEqual(jobs.map((_, index) => index % 3 !== 0))
  })

  test('second rotation key is accepted', async () => {
    const threads = new SignatureThreads(1)

    const rotated = await threads.verify(
      edJob('{"a":1}', [other.publicKey, ed.publicKey]),
    )
    const unknown = await threads.verify(edJob('{"a":1}', [other.publicKey]))
    await threads.close()

    expect(rotated).toBe(true)
    expect(unknown).toBe(false)
  })

  test('RSA checks and wrong key types', async () => {
    const threads = new SignatureThreads(1)
    const body = Buffer.from('{"legacy":true}')
    const signature = sign('sha256', body, rsa.privateKey)

    const good = await threads.verify({
      digest: 'sha256',
      body,
      signature,
      keys: [rsa.publicKey],
    })
    const wrongType = await threads.verify({
      digest: 'sha256',
      body,
      signature,
      keys: [ed.publicKey],
    })
    const malformed = await threads.verify({
      ...edJob('{}'),
      signature: Buffer.from('short'),
    })
    await threads.close()

    expect([good, wrongType, malformed]).toEqual([true, false, false])
  })

  test('close settles jobs in flight', async () => {
    const threads = new SignatureThreads(1)
    const jobs = Array.from({ length: 200 }, (_, index) =>
      edJob(`{"close":${index}}`),
    )

    const pending = Promise.all(jobs.map((job) => threads.verify(job)))
    await threads.close()
    const after = await threads.verify(edJob('{"after":true}'))

    expect(await pending).toEqual(jobs.map(() => true))
    expect(after).toBe(true)
  })

  test('zero threads check inline', async () => {
    const threads = new SignatureThreads(0)
    const job = edJob('{"inline":true}')

    expect(await threads.verify(job)).toBe(true)
    expect(
      await threads.verify({ ...job, body: Buffer.from('{"inline":1}') }),
    ).toBe(false)
  })
})

describe('verifier thread count', () => {
  test.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 17])(
    'threads %s is rejected',
    (threads) => {
      const build = () =>
        new WebhookVerifier({ publicKeys: [ed.publicKey], threads })

      expect(build).toThrow(`threads is ${threads}`)
      expect(build).toThrow('expected a whole number from 0 to 16')
    },
  )
})

/**
 * Opens, on libuv's pool, the read end of FIFOs that no one writes, which
 * blocks every pool thread until the returned function opens their write
 * ends.
 */
function occupyLibuvPool(count: number): () => Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'hoopkit-pool-'))
  const fifos = Array.from({ length: count }, (_, index) => {
    const path = join(folder, `fifo-${index}`)
    execFileSync('mkfifo', [path])
    return path
  })
  const opened = fifos.map((path) => promises.open(path, 'r'))

  return async () => {
    const writers = fifos.map((path) => openSync(path, 'w'))
    const readers = await Promise.all(opened)
    await Promise.all(readers.map((reader) => reader.close()))
    for (const writer of writers) {
      closeSync(writer)
    }
  }
}

describe('webhook signatures and the libuv pool', () => {
  test('webhook acknowledged while libuv pool is busy', async () => {
    const keys = testKeys()
    await using server = await startHarness({
      keys,
      receiver: { requireTimestamp: false },
    })
    const body = JSON.stringify({
      type: 'ContactCreate',
      locationId: 'loc_POOL01',
      webhookId: 'wh_pool_busy_1',
    })
    const release = occupyLibuvPool(
      Number(process.env['UV_THREADPOOL_SIZE'] || 4),
    )

    let status: number
    try {
      const reply = await fetch(`${server.url}/webhooks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-ghl-signature': keys.signEd25519(body),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      })
      status = reply.status
    } finally {
      await release()
    }

    expect(status).toBe(200)
    expect(await server.inbox.has('wh_pool_busy_1')).toBe(true)
  })
})

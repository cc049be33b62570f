import { type KeyObject, verify } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { Logger } from '../logging/logger.js'

/** `null` for Ed25519, which hashes inside the scheme. */
export type SignatureDigest = 'sha256' | null

/** One signature to check against a set of keys. */
export interface SignatureJob {
  digest: SignatureDigest
  body: Buffer
  signature: Buffer
  keys: readonly KeyObject[]
}

// Each job is five integers in a batch's `meta` array: key set, body
// offset, body length, signature offset, signature length.
const jobFields = 5

// The thread's whole program. It replies to each batch with one byte per
// job: 1 when any key of the job's set accepts the signature.
const threadSource = `
const { parentPort } = require('node:worker_threads')
const { verify } = require('node:crypto')
const keySets = new Map()
function accepts(digest, body, key, signature) {
  try {
    return verify(digest, body, key, signature)
  } catch {
    return false
  }
}
parentPort.on('message', (message) => {
  if (message.kind === 'keys') {
    keySets.set(message.id, message)
    return
  }
  if (message.kind === 'forget') {
    keySets.delete(message.id)
    return
  }
  const bytes = new Uint8Array(message.data)
  const meta = message.meta
  const results = new Uint8Array(meta.length / ${jobFields})
  for (let job = 0; job < results.length; job += 1) {
    const at = job * ${jobFields}
    const set = keySets.get(meta[at])
    const body = bytes.subarray(meta[at + 1], meta[at + 1] + meta[at + 2])
    const signature = bytes.subarray(meta[at + 3], meta[at + 3] + meta[at + 4])
    const ok = set.keys.some((key) => accepts(set.digest, body, key, signature))
    results[job] = ok ? 1 : 0
  }
  parentPort.postMessage({ id: message.id, results }, [results.buffer])
})
`

interface PendingJob {
  job: SignatureJob
  keySet: number
  resolve: (ok: boolean) => void
}

interface SignatureThread {
  worker: Worker
  /** Batches posted to the thread and still without a reply, by batch id. */
  batches: Map<number, PendingJob[]>
  jobsInFlight: number
}

/**
 * Checks signatures on threads of its own, off the event loop. The jobs
 * queued in one turn of the event loop go to a thread as one batch. Their
 * bytes are copied into one buffer, which is moved to the thread, so a
 * batch costs two messages whatever its size. The threads are not libuv's
 * pool, where DNS lookups and file reads could hold up a webhook reply. A
 * thread that fails is not replaced: its jobs and all later ones are
 * checked on the event loop.
 */
export class SignatureThreads {
  readonly #size: number
  readonly #logger: Logger | undefined
  readonly #threads: SignatureThread[] = []
  readonly #keySets = new WeakMap<readonly KeyObject[], number>()
  readonly #forgotten: FinalizationRegistry<number>
  #queue: PendingJob[] = []
  #flushScheduled = false
  #nextId = 1
  #failed = false

  constructor(size: number, logger?: Logger) {
    this.#size = size
    this.#logger = logger
    this.#forgotten = new FinalizationRegistry((id) => {
      for (const thread of this.#threads) {
        thread.worker.postMessage({ kind: 'forget', id })
      }
    })
  }

  /** Resolves true when any of the job's keys accepts its signature. */
  verify(job: SignatureJob): Promise<boolean> {
    if (this.#failed || this.#size === 0) {
      return Promise.resolve(verifyInline(job))
    }

    this.#start()
    const keySet = this.#keySetId(job.keys, job.digest)
    return new Promise((resolve) => {
      this.#queue.push({ job, keySet, resolve })
      if (!this.#flushScheduled) {
        this.#flushScheduled = true
        setImmediate(() => this.#flush())
      }
    })
  }

  /** Stops the threads. Jobs in flight are checked on the event loop. */
  async close(): Promise<void> {
    this.#failed = true
    const threads = this.#threads.splice(0)
    await Promise.all(threads.map((thread) => thread.worker.terminate()))
    for (const thread of threads) {
      settleInline(thread)
    }
    this.#flush()
  }

  #start(): void {
    while (this.#threads.length < this.#size) {
      this.#threads.push(this.#spawn())
    }
  }

  #spawn(): SignatureThread {
    const worker = new Worker(threadSource, { eval: true })
    worker.unref()
    const thread: SignatureThread = {
      worker,
      batches: new Map(),
      jobsInFlight: 0,
    }

    worker.on('message', (reply: { id: number; results: Uint8Array }) => {
      this.#settle(thread, reply)
    })
    worker.on('error', (error) => this.#fail(thread, error))
    worker.on('exit', (code) => {
      this.#fail(thread, new Error(`signature thread exited (${code})`))
    })
    return thread
  }

  /** Gives each key list an id once and sends the list to every thread. */
  #keySetId(keys: readonly KeyObject[], digest: SignatureDigest): number {
    const known = this.#keySets.get(keys)
    if (known !== undefined) {
      return known
    }

    const id = this.#nextId++
    this.#keySets.set(keys, id)
    this.#forgotten.register(keys, id)
    for (const thread of this.#threads) {
      thread.worker.postMessage({ kind: 'keys', id, keys, digest })
    }
    return id
  }

  #flush(): void {
    this.#flushScheduled = false
    const jobs = this.#queue
    this.#queue = []
    if (jobs.length === 0) {
      return
    }

    const thread = this.#leastBusy()
    if (thread === undefined) {
      for (const pending of jobs) {
        pending.resolve(verifyInline(pending.job))
      }
      return
    }
    this.#post(thread, jobs)
  }

  #leastBusy(): SignatureThread | undefined {
    let best: SignatureThread | undefined
    for (const thread of this.#threads) {
      if (best === undefined || thread.jobsInFlight < best.jobsInFlight) {
        best = thread
      }
    }
    return best
  }

  /** Packs the jobs' bytes into one buffer and moves it to the thread. */
  #post(thread: SignatureThread, jobs: PendingJob[]): void {
    let size = 0
    for (const { job } of jobs) {
      size += job.body.length + job.signature.length
    }

    const data = new Uint8Array(size)
    const meta = new Int32Array(jobs.length * jobFields)
    let offset = 0
    jobs.forEach(({ job, keySet }, index) => {
      const at = index * jobFields
      meta[at] = keySet
      meta[at + 1] = offset
      meta[at + 2] = job.body.length
      data.set(job.body, offset)
      offset += job.body.length
      meta[at + 3] = offset
      meta[at + 4] = job.signature.length
      data.set(job.signature, offset)
      offset += job.signature.length
    })

    const id = this.#nextId++
    if (thread.jobsInFlight === 0) {
      thread.worker.ref()
    }
    thread.batches.set(id, jobs)
    thread.jobsInFlight += jobs.length
    thread.worker.postMessage({ kind: 'batch', id, data: data.buffer, meta }, [
      data.buffer,
      meta.buffer,
    ])
  }

  #settle(
    thread: SignatureThread,
    reply: { id: number; results: Uint8Array },
  ): void {
    const jobs = thread.batches.get(reply.id) ?? []
    thread.batches.delete(reply.id)
    thread.jobsInFlight -= jobs.length
    if (thread.jobsInFlight === 0) {
      thread.worker.unref()
    }
    jobs.forEach((pending, index) => {
      pending.resolve(reply.results[index] === 1)
    })
  }

  #fail(thread: SignatureThread, error: Error): void {
    if (this.#failed) {
      return
    }

    this.#failed = true
    this.#logger?.error(
      { err: error },
      'signature thread failed, checking signatures on the event loop',
    )
    for (const other of this.#threads.splice(0)) {
      settleInline(other)
      if (other !== thread) {
        void other.worker.terminate()
      }
    }
  }
}

/** Checks on the event loop every job that a thread left without a reply. */
function settleInline(thread: SignatureThread): void {
  for (const jobs of thread.batches.values()) {
    for (const pending of jobs) {
      pending.resolve(verifyInline(pending.job))
    }
  }
  thread.batches.clear()
  thread.jobsInFlight = 0
}

export function verifyInline(job: SignatureJob): boolean {
  return job.keys.some((key) => {
    try {
      return verify(job.digest, job.body, key, job.signature)
    } catch {
      // A key of the wrong type or a malformed signature is a failed check.
      return false
    }
  })
}

/** The largest thread count a verifier accepts. */
export const maxSignatureThreads = 16

/** Returns the default thread count: 1 when a core is spare, else 0. */
export function defaultSignatureThreadCount(): number {
  return availableParallelism() > 1 ? 1 : 0
}

const shared = new Map<number, SignatureThreads>()

/**
 * Returns the process's pool of `size` threads, creating it on first use.
 * Verifiers share it, so a test suite that builds many verifiers starts
 * one pool.
 */
export function sharedSignatureThreads(
  size: number,
  logger?: Logger,
): SignatureThreads {
  let pool = shared.get(size)
  if (pool === undefined) {
    pool = new SignatureThreads(size, logger)
    shared.set(size, pool)
  }
  return pool
}

import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { HoopkitError } from '@hoopkit/core'
import type { DevProcess } from './dev-processes.js'

export interface SupervisorOptions {
  /** Receives each output line of the children, prefixed with their name. */
  print: (line: string) => void
  /** Rewrites each output line before it is printed, such as JSON logs. */
  formatLine?: (line: string) => string
  /** How long a child may take before its `readyUrl` responds. @default 60000 */
  readyTimeoutMs?: number
  /** How long a child may take to exit after SIGTERM. @default 5000 */
  stopTimeoutMs?: number
  /** Ends the wait for a child's `readyUrl`, as Ctrl-C during start does. */
  signal?: AbortSignal
  /**
   * How often a ready child's `readyUrl` is checked again, so that a
   * child that stops responding is reported. @default 2000
   */
  watchIntervalMs?: number
}

interface Running {
  spec: DevProcess
  child: ChildProcess
  exited: Promise<number | null>
}

/**
 * Starts the dev run's child processes, shows their output and stops them
 * all. Each child leads its own process group, so stopping it also stops
 * the processes it started, such as the one `tsx watch` restarts.
 */
export class ProcessSupervisor {
  readonly #options: SupervisorOptions
  readonly #running: Running[] = []
  readonly #watches: NodeJS.Timeout[] = []
  #stopping = false

  constructor(options: SupervisorOptions) {
    this.#options = options
  }

  /** Starts a child and waits until its `readyUrl` responds, if it has one. */
  async start(spec: DevProcess): Promise<void> {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    const exited = new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code))
    })
    this.#running.push({ spec, child, exited })
    for (const stream of [child.stdout, child.stderr]) {
      if (stream !== null) {
        createInterface({ input: stream }).on('line', (line) => {
          const text = this.#options.formatLine?.(line) ?? line
          this.#options.print(`[${spec.name}] ${text}`)
        })
      }
    }

    if (spec.readyUrl !== undefined) {
      await this.#waitUntilReady(spec, exited)
      this.#watch(spec, spec.readyUrl)
    }
    void exited.then((code) => {
      if (!this.#stopping) {
        this.#options.print(
          `[${spec.name}] exited with code ${code}: see its output above, ` +
            'then stop hoopkit dev and start it again',
        )
      }
    })
  }

  /** Sends SIGTERM to every child, then SIGKILL to those still running. */
  async stopAll(): Promise<void> {
    this.#stopping = true
    for (const timer of this.#watches.splice(0)) {
      clearInterval(timer)
    }
    const stopTimeoutMs = this.#options.stopTimeoutMs ?? 5_000
    await Promise.all(
      this.#running.map(async ({ child, exited }) => {
        signalGroup(child, 'SIGTERM')
        const timedOut = await Promise.race([
          exited.then(() => false),
          sleep(stopTimeoutMs).then(() => true),
        ])
        if (timedOut) {
          signalGroup(child, 'SIGKILL')
          await exited
        }
      }),
    )
    this.#running.length = 0
  }

  /**
   * Checks a ready child's URL on an interval and prints one line when it
   * stops responding, such as a backend that crashed under `tsx watch`,
   * which keeps running and restarts it only on the next saved change.
   */
  #watch(spec: DevProcess, url: string): void {
    let up = true
    let checking = false
    const timer = setInterval(async () => {
      if (checking || this.#stopping) {
        return
      }
      checking = true
      const responded = await answers(url)
      checking = false
      if (responded === up || this.#stopping) {
        return
      }

      up = responded
      this.#options.print(
        responded
          ? `[${spec.name}] ${url} responds again`
          : `[${spec.name}] ${url} stopped responding: the process crashed ` +
              'or hangs; see its output above, then save a source file to ' +
              'restart it, or stop hoopkit dev and start it again',
      )
    }, this.#options.watchIntervalMs ?? 2_000)
    timer.unref()
    this.#watches.push(timer)
  }

  async #waitUntilReady(spec: DevProcess, exited: Promise<number | null>) {
    const deadline = Date.now() + (this.#options.readyTimeoutMs ?? 60_000)
    let exitCode: number | null | undefined
    void exited.then((code) => {
      exitCode = code
    })

    while (Date.now() < deadline) {
      this.#options.signal?.throwIfAborted()
      if (exitCode !== undefined) {
        throw new HoopkitError(
          'INTERNAL',
          `${spec.name}: exited with code ${exitCode} before it was ready: ` +
            'see its output above',
        )
      }
      if (await answers(spec.readyUrl ?? '')) {
        return
      }
      await sleep(250)
    }
    throw new HoopkitError(
      'INTERNAL',
      `${spec.name}: ${spec.readyUrl} did not answer within ` +
        `${this.#options.readyTimeoutMs ?? 60_000} ms: see its output above`,
    )
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
    return response.ok
  } catch {
    return false
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) {
    return
  }
  try {
    process.kill(-child.pid, signal)
  } catch {
    // ESRCH: the group has already exited.
  }
}

import { randomUUID } from 'node:crypto'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import type { Clock } from '../time/clock.js'
import { systemClock } from '../time/clock.js'
import { type ActionCall, ActionCallParser } from './action-call-parser.js'
import type { ActionExecutionStore } from './action-execution-store.js'
import { branchChoice, isResumeLater, resumeLater } from './action-outcome.js'
import type { ActionReply } from './action-reply.js'
import { failure, resultReply, thrownReply } from './action-reply.js'
import type { ActionRequestBody } from './action-request.js'
import type { ActionResumer } from './action-resumer.js'
import type { ActionSecret } from './action-secret.js'
import type { ActionContext, ActionDefinition } from './define-action.js'
import { executionKey } from './execution-identity.js'
import { ExecutionLog } from './execution-log.js'

export interface ActionExecutorOptions {
  // biome-ignore lint/suspicious/noExplicitAny: each action has its own types.
  actions: readonly ActionDefinition<any, any, any>[]
  /** The static header check; see `ActionSecret`. */
  secret: ActionSecret
  /**
   * How long a call may run before the reply is a 504, in ms. Well below
   * the platform's own timeout, which the sandbox sets to 10 s.
   * @default 8000
   */
  deadlineMs?: number
  /**
   * How long a repeated delivery gets the first reply, in ms. A later call
   * with the same body is a new run of the workflow.
   * @default 900000 (15 minutes)
   */
  duplicateWindowMs?: number
  store: ActionExecutionStore
  resumer: ActionResumer
  /** @default silentLogger */
  logger?: Logger
  /** @default systemClock */
  clock?: Clock
}

const pollMs = 100

/**
 * Runs action calls: checks the secret header and the input, runs each
 * execution once however often it is delivered, replies within the
 * deadline, and resumes pause actions when their job ends.
 */
export class ActionExecutor {
  readonly #options: ActionExecutorOptions
  readonly #parser: ActionCallParser
  readonly #log: ExecutionLog
  readonly #clock: Clock
  readonly #running = new Map<string, Promise<ActionReply>>()
  readonly #background = new Set<Promise<unknown>>()

  constructor(options: ActionExecutorOptions) {
    this.#options = options
    this.#parser = new ActionCallParser(options)
    this.#log = new ExecutionLog(options.logger ?? silentLogger)
    this.#clock = options.clock ?? systemClock
  }

  get deadlineMs(): number {
    return this.#options.deadlineMs ?? 8000
  }

  /** Handles one call and returns the reply to send. */
  async execute(call: ActionCall): Promise<ActionReply> {
    const started = this.#clock.now()
    const parsed = this.#parser.parse(call)
    if (!parsed.ok) {
      this.#log.rejected(call, parsed.reply)
      return parsed.reply
    }

    try {
      return await this.#executeParsed(parsed, started)
    } catch (error) {
      // The store failed, since handler errors become replies of their own.
      const reply = failure(
        'ACTION_FAILED',
        `action ${parsed.action.key}: the execution could not be recorded: ` +
          'check the database, then retry the call',
      )
      this.#log.rejected(call, reply, error)
      return reply
    }
  }

  async #executeParsed(
    parsed: Extract<ReturnType<ActionCallParser['parse']>, { ok: true }>,
    started: number,
  ): Promise<ActionReply> {
    const { action, body, input } = parsed
    const key = executionKey(body)
    const executionId = randomUUID()
    const claim = await this.#options.store.claim({
      executionKey: key,
      executionId,
      actionKey: action.key,
      extras: body.extras,
      status: action.pauseExecution ? 'paused' : 'running',
      now: started,
      windowMs: this.#options.duplicateWindowMs ?? 900_000,
      ...(action.pauseExecution ? { reply: { status: 200, body: {} } } : {}),
    })

    const entry = {
      action,
      body,
      executionId: claim.execution.execution_id,
      started,
    }
    if (!claim.claimed) {
      const reply = await this.#duplicateReply(
        key,
        claim.execution.execution_id,
      )
      this.#log.executed(entry, 'duplicate', reply, this.#clock.now())
      return reply
    }

    if (action.pauseExecution) {
      this.#track(this.#runPaused(action, body, input, executionId))
      const reply = { status: 200, body: {} }
      this.#log.executed(entry, 'paused', reply, this.#clock.now())
      return reply
    }

    const { reply, outcome, error } = await this.#runWithDeadline(
      action,
      body,
      input,
      executionId,
      key,
    )
    this.#log.executed(entry, outcome, reply, this.#clock.now(), error)
    return reply
  }

  /** Resolves once every background job and late handler has ended. */
  async idle(): Promise<void> {
    while (this.#background.size > 0) {
      await Promise.allSettled([...this.#background])
    }
  }

  async #runWithDeadline(
    action: ActionDefinition,
    body: ActionRequestBody,
    input: unknown,
    executionId: string,
    key: string,
  ) {
    const controller = new AbortController()
    let error: unknown
    const finished = this.#run(
      action,
      body,
      input,
      executionId,
      controller.signal,
    )
      .then(async ({ reply, thrown }) => {
        error = thrown
        const status = reply.status < 400 ? 'succeeded' : 'failed'
        await this.#options.store.finish(
          executionId,
          { status, replyStatus: reply.status, reply: reply.body },
          this.#clock.now(),
        )
        return reply
      })
      .finally(() => this.#running.delete(key))
    this.#running.set(key, finished)
    this.#track(finished)

    const reply = await this.#withinDeadline(finished)
    if (reply) {
      const outcome = reply.status < 400 ? 'succeeded' : 'failed'
      return { reply, outcome, error } as const
    }

    // The handler keeps running; its result is stored for a repeated call.
    controller.abort(new Error(`deadline of ${this.deadlineMs} ms passed`))
    const outcome = 'timed_out'
    return { reply: this.#deadlineReply(action), outcome, error } as const
  }

  async #runPaused(
    action: ActionDefinition,
    body: ActionRequestBody,
    input: unknown,
    executionId: string,
  ): Promise<void> {
    const signal = new AbortController().signal
    const context = this.#context(action, body, executionId, signal)
    const ids = { actionKey: action.key, executionId, ...body.extras }

    let result: unknown
    try {
      result = await action.handler(input as never, context)
    } catch (error) {
      this.#log.logger.error({ ...ids, err: error }, 'paused action job failed')
      await this.#options.store.transition(
        executionId,
        'paused',
        'failed',
        this.#clock.now(),
      )
      return
    }

    if (!isResumeLater(result)) {
      await this.#options.resumer.resume(executionId)
    }
  }

  async #run(
    action: ActionDefinition,
    body: ActionRequestBody,
    input: unknown,
    executionId: string,
    signal: AbortSignal,
  ): Promise<{ reply: ActionReply; thrown?: unknown }> {
    const context = this.#context(action, body, executionId, signal)
    try {
      const result = await action.handler(input as never, context)
      return { reply: resultReply(action, body.data, result) }
    } catch (thrown) {
      return { reply: thrownReply(action, thrown), thrown }
    }
  }

  #context(
    action: ActionDefinition,
    body: ActionRequestBody,
    executionId: string,
    signal: AbortSignal,
  ): ActionContext {
    return {
      executionId,
      extras: body.extras,
      meta: body.meta,
      signal,
      logger: this.#log.logger.child({ actionKey: action.key, executionId }),
      branch: branchChoice,
      resumeLater: () => resumeLater,
    }
  }

  // Waits for the first delivery's reply, in this process or another.
  async #duplicateReply(
    key: string,
    executionId: string,
  ): Promise<ActionReply> {
    const running = this.#running.get(key)
    if (running) {
      return (
        (await this.#withinDeadline(running)) ??
        this.#stillRunningReply(executionId)
      )
    }

    const until = this.#clock.now() + this.deadlineMs
    while (true) {
      const execution = await this.#options.store.byKey(key)
      if (execution?.reply_json && execution.reply_status !== null) {
        return {
          status: execution.reply_status,
          body: JSON.parse(execution.reply_json),
        }
      }
      if (this.#clock.now() >= until) {
        return this.#stillRunningReply(executionId)
      }
      await this.#clock.sleep(pollMs)
    }
  }

  async #withinDeadline(
    work: Promise<ActionReply>,
  ): Promise<ActionReply | undefined> {
    const timeout = new AbortController()
    const deadline = this.#clock.sleep(this.deadlineMs, timeout.signal).then(
      () => undefined,
      () => undefined,
    )
    try {
      return await Promise.race([work, deadline])
    } finally {
      timeout.abort()
    }
  }

  #deadlineReply(action: ActionDefinition): ActionReply {
    return failure(
      'ACTION_DEADLINE_EXCEEDED',
      `action ${action.key}: timed out after ${this.deadlineMs} ms: make ` +
        'the handler faster, or set pauseExecution: true for long jobs',
    )
  }

  #stillRunningReply(executionId: string): ActionReply {
    return failure(
      'ACTION_DEADLINE_EXCEEDED',
      `action execution ${executionId}: the first delivery is still running: ` +
        'retry later to get its result',
      { executionId },
    )
  }

  #track(work: Promise<unknown>): void {
    const tracked = work
      .catch(() => undefined)
      .finally(() => this.#background.delete(tracked))
    this.#background.add(tracked)
  }
}

import { HoopkitError } from '../errors/hoopkit-error.js'
import type { ActionReply } from './action-reply.js'
import { errorReply, failure, fieldErrors } from './action-reply.js'
import type { ActionRequestBody } from './action-request.js'
import { actionRequestSchema } from './action-request.js'
import type { ActionSecret } from './action-secret.js'
import type { ActionDefinition } from './define-action.js'

/** One action call as the HTTP layer received it. */
export interface ActionCall {
  /** The key in the URL, `/actions/<key>`. */
  actionKey: string
  headers: Record<string, string | string[] | undefined>
  /** The parsed JSON body. */
  body: unknown
}

export type ParsedCall =
  | {
      ok: true
      action: ActionDefinition
      body: ActionRequestBody
      input: unknown
    }
  | { ok: false; reply: ActionReply }

interface ParserOptions {
  actions: readonly ActionDefinition[]
  secret: ActionSecret
}

/** Checks an action call's secret header, key, body shape and input. */
export class ActionCallParser {
  readonly #actions: ReadonlyMap<string, ActionDefinition>
  readonly #secret: ActionSecret

  constructor(options: ParserOptions) {
    this.#actions = new Map(
      options.actions.map((action) => [action.key, action]),
    )
    this.#secret = options.secret
  }

  parse(call: ActionCall): ParsedCall {
    const unauthorized = this.#secret.check(call.headers, 'action call')
    if (unauthorized) {
      return this.#reject(unauthorized)
    }

    const action = this.#actions.get(call.actionKey)
    if (!action) {
      const known = [...this.#actions.keys()].join(', ') || 'none'
      return this.#reject(
        failure(
          'ACTION_NOT_FOUND',
          `action call: expected one of the keys ${known}, got ${JSON.stringify(call.actionKey)}`,
        ),
      )
    }
    return this.#parseBody(action, call.body)
  }

  #parseBody(action: ActionDefinition, raw: unknown): ParsedCall {
    const envelope = actionRequestSchema.safeParse(raw)
    if (!envelope.success) {
      return this.#reject(
        failure(
          'ACTION_INPUT_INVALID',
          `action ${action.key}: expected a body {data, extras, meta}: see fieldErrors`,
          { fieldErrors: fieldErrors(envelope.error) },
        ),
      )
    }

    const body = envelope.data
    if (body.meta.key !== action.key) {
      return this.#reject(
        failure(
          'ACTION_INPUT_INVALID',
          `action ${action.key}: expected meta.key ${action.key}, got ` +
            `${body.meta.key}: check the action URL in the Marketplace`,
          { fieldErrors: { 'meta.key': [`must be ${action.key}`] } },
        ),
      )
    }

    const input = action.inputSchema.safeParse(body.data)
    if (!input.success) {
      return this.#reject(
        errorReply(
          new HoopkitError(
            'ACTION_INPUT_INVALID',
            `action ${action.key}: invalid input: see fieldErrors`,
            { details: { fieldErrors: fieldErrors(input.error) } },
          ),
        ),
      )
    }
    return { ok: true, action, body, input: input.data }
  }

  #reject(reply: ActionReply): ParsedCall {
    return { ok: false, reply }
  }
}

import { HoopkitError } from '../errors/hoopkit-error.js'
import type { ActionReply } from './action-reply.js'
import { failure } from './action-reply.js'
import { defaultActionSecretHeader, secretMatches } from './secret-header.js'

export interface ActionSecretOptions {
  /** `HOOPKIT_ACTION_SECRET`, sent by the platform as a static header. */
  secret: string
  /**
   * Secrets that are still accepted during a rotation, while the static
   * headers of every action and trigger are changed in the Marketplace.
   * @default []
   */
  previousSecrets?: readonly string[]
  /** @default 'x-hoopkit-action-secret' */
  header?: string
}

const minimumLength = 16

/**
 * The static header check of every workflow endpoint, since the platform
 * does not sign these calls. Values are compared in constant time.
 */
export class ActionSecret {
  readonly header: string
  readonly #secrets: readonly string[]

  constructor(options: ActionSecretOptions) {
    this.#secrets = [options.secret, ...(options.previousSecrets ?? [])]
    for (const secret of this.#secrets) {
      if (secret.length < minimumLength) {
        throw new HoopkitError(
          'CONFIG_INVALID',
          `action secret: expected at least ${minimumLength} characters, ` +
            `got ${secret.length}: generate one with \`openssl rand -hex 32\``,
        )
      }
    }
    this.header = (options.header ?? defaultActionSecretHeader).toLowerCase()
  }

  /** Returns the 401 reply for a call without a valid secret, or nothing. */
  check(
    headers: Record<string, string | string[] | undefined>,
    callName: string,
  ): ActionReply | undefined {
    const received = headers[this.header]
    // Every secret is compared, so the time taken does not tell which matched.
    const matches = this.#secrets.map((secret) =>
      secretMatches(received, secret),
    )
    if (matches.includes(true)) {
      return undefined
    }

    const problem =
      received === undefined ? 'is missing' : 'does not match the action secret'
    return failure(
      'ACTION_UNAUTHORIZED',
      `${callName}: header ${this.header} ${problem}: set it to ` +
        'HOOPKIT_ACTION_SECRET in the static headers in the Marketplace',
    )
  }
}

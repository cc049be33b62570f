/**
 * A failure the sandbox injects into matching API requests, so tests can
 * see how an app copes with a slow, failing or throttling platform.
 */
export interface FaultRule {
  /**
   * The request paths it applies to: a RegExp, or a string where `*`
   * matches any run of characters, such as `/contacts/*`.
   */
  path: string | RegExp
  /** Only requests with this method, such as `POST`. @default any */
  method?: string
  /**
   * `latency` delays the request and then serves it, `error` replies with
   * `status`, `rate-limit` replies 429 as the limiter would, and `drop`
   * closes the connection without a reply.
   */
  kind: 'latency' | 'error' | 'rate-limit' | 'drop'
  /** Platform milliseconds of delay, for `latency`. @default 1_000 */
  latencyMs?: number
  /** The status, for `error`. @default 500 */
  status?: number
  /** For `rate-limit`: a daily 429 instead of a burst 429. @default false */
  daily?: boolean
  /** How many matching requests it applies to. @default every one */
  count?: number
}

interface ActiveFault {
  rule: FaultRule
  pattern: RegExp
  remaining: number
}

/** The fault rules in force, set through the sandbox options or at run time. */
export class SandboxFaults {
  readonly #faults: ActiveFault[] = []

  constructor(rules: readonly FaultRule[] = []) {
    for (const rule of rules) {
      this.inject(rule)
    }
  }

  /** Adds a rule; the first matching rule with uses left applies. */
  inject(rule: FaultRule): void {
    this.#faults.push({
      rule,
      pattern:
        typeof rule.path === 'string' ? globPattern(rule.path) : rule.path,
      remaining: rule.count ?? Number.POSITIVE_INFINITY,
    })
  }

  clear(): void {
    this.#faults.length = 0
  }

  /** Takes one use of the first rule that matches the request, if any. */
  take(method: string, path: string): FaultRule | null {
    for (const fault of this.#faults) {
      const methodMatches =
        fault.rule.method === undefined ||
        fault.rule.method.toUpperCase() === method.toUpperCase()
      if (fault.remaining > 0 && methodMatches && fault.pattern.test(path)) {
        fault.remaining--
        return fault.rule
      }
    }
    return null
  }
}

function globPattern(glob: string): RegExp {
  const escaped = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${escaped}$`)
}

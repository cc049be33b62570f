import type { SandboxClock } from '../sandbox-clock.js'
import type { RateLimitSettings } from './rate-limit-settings.js'
import { type FaultRule, SandboxFaults } from './sandbox-faults.js'
import { SandboxRateLimits } from './sandbox-rate-limits.js'

export interface SandboxApiOptions {
  /** Overrides of the rate-limit settings; see `RateLimitSettings`. */
  rateLimits?: Partial<RateLimitSettings>
  /** Faults in force from the start; more can be added at run time. */
  faults?: FaultRule[]
}

/** The controls of the sandbox's API routes: rate limits and faults. */
export interface SandboxApi {
  readonly limits: SandboxRateLimits
  readonly faults: SandboxFaults
}

export function createSandboxApi(
  clock: SandboxClock,
  options: SandboxApiOptions = {},
): SandboxApi {
  return {
    limits: new SandboxRateLimits(clock, options.rateLimits),
    faults: new SandboxFaults(options.faults),
  }
}

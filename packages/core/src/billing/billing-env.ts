import { z } from 'zod'
import { envInteger } from '../config/env-integer.js'

/** The environment variables of external billing and usage charges. */
export const billingEnvFields = {
  /**
   * Also confirms the agency with `authType: "company"` on an
   * `agency,location` install: `true` or `false`. @default true
   */
  HOOPKIT_BILLING_CONFIRM_COMPANY: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('true')
    .transform((value) => value === 'true'),
  /** Attempts per billing confirmation, the first included. @default 4 */
  HOOPKIT_BILLING_MAX_ATTEMPTS: envInteger({ min: 1, max: 10, default: 4 }),
}

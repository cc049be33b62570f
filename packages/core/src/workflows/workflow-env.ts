import { z } from 'zod'
import { envInteger } from '../config/env-integer.js'

/** The workflow variables of hoopkit's environment schema. */
export const workflowEnvFields = {
  /**
   * The static header value that the Marketplace sends with every action,
   * subscription, options and dynamic field call. Without it the backend
   * serves no workflow endpoints.
   */
  HOOPKIT_ACTION_SECRET: z
    .string()
    .min(16, {
      message:
        'is too short: use at least 16 characters (`openssl rand -hex 32`)',
    })
    .optional(),
  /**
   * Earlier values of that header, comma-separated, that are still accepted
   * while a new one is entered in the Marketplace for every action.
   */
  HOOPKIT_ACTION_PREVIOUS_SECRETS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((secret) => secret.trim())
        .filter((secret) => secret.length > 0),
    )
    .pipe(
      z.array(
        z.string().min(16, {
          message: 'must each have at least 16 characters',
        }),
      ),
    ),
  /** The name of that static header. */
  HOOPKIT_ACTION_SECRET_HEADER: z
    .string()
    .regex(/^[a-z0-9-]+$/i, { message: 'must be a header name' })
    .default('x-hoopkit-action-secret'),
  /** How long an action call may run before the reply is a 504, in ms. */
  HOOPKIT_ACTION_DEADLINE_MS: envInteger({
    min: 100,
    max: 60_000,
    default: 8000,
  }),
}

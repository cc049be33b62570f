import { z } from 'zod'
import { billingEnvFields } from '../billing/billing-env.js'
import { HoopkitError } from '../errors/hoopkit-error.js'
import { defaultPlatformAppOrigins } from '../framing/frame-ancestors.js'
import { webhookEnvFields } from '../webhooks/webhook-env.js'
import { workflowEnvFields } from '../workflows/workflow-env.js'
import { envInteger } from './env-integer.js'

/** The platform's API host; white-label editions use the same one. */
export const defaultApiUrl = 'https://services.leadconnectorhq.com'

/** The platform's marketplace host, where the consent page lives. */
export const defaultMarketplaceUrl = 'https://marketplace.gohighlevel.com'

const httpUrl = z.url({
  protocol: /^https?$/,
  message: 'must be an http or https URL, such as https://example.com',
})

const secretKey = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length === 32, {
    message:
      'must be 32 random bytes in base64; generate one with ' +
      '`openssl rand -base64 32`',
  })

/**
 * The environment variables that hoopkit reads. Each app validates
 * `process.env` against this schema in its own `env.ts`, and nowhere else.
 */
export const hoopkitEnvSchema = z.object({
  HOOPAI_CLIENT_ID: z
    .string({ message: 'is missing: set it to the client id of the app' })
    .regex(/^[A-Za-z0-9_]+-[A-Za-z0-9_]+$/, {
      message:
        'must look like <app id>-<suffix>, as the Marketplace shows it ' +
        '(such as 0123456789abcdef01234567-ab12cd34)',
    }),
  HOOPAI_CLIENT_SECRET: z
    .string({ message: 'is missing: set it to the client secret of the app' })
    .min(1, { message: 'is empty: set it to the client secret of the app' }),
  HOOPAI_APP_VERSION_ID: z.string().min(1).optional(),
  HOOPAI_API_URL: httpUrl.default(defaultApiUrl),
  HOOPAI_MARKETPLACE_URL: httpUrl.default(defaultMarketplaceUrl),
  HOOPAI_REDIRECT_URI: z.url().optional(),
  /** Sent as `user_type` with the code exchange when set. */
  HOOPAI_USER_TYPE: z.enum(['Company', 'Location']).optional(),
  /** How long one request to the platform's OAuth endpoints may take, in ms. */
  HOOPKIT_OAUTH_TIMEOUT_MS: envInteger({
    min: 100,
    max: 120_000,
    default: 10_000,
  }),
  DATABASE_URL: z.string().min(1).optional(),
  /**
   * A `redis://` or `rediss://` URL for `createRateLimitStore`, which then
   * keeps the API rate limiter's counts there, so that every process of
   * the app shares one budget.
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, {
      message: 'must start with redis:// or rediss://',
    })
    .optional(),
  HOOPKIT_SECRET_KEY: z
    .string({
      message:
        'is missing: set it to 32 random bytes in base64 ' +
        '(`openssl rand -base64 32`)',
    })
    .pipe(secretKey),
  HOOPKIT_DATA_DIR: z.string().min(1).default('.hoopkit'),
  /** The app's SSO key, shown as "Shared Secret" in the developer portal. */
  HOOPAI_SSO_KEY: z.string().min(1).optional(),
  /** Signs session tokens; derived from HOOPKIT_SECRET_KEY when unset. */
  HOOPKIT_SESSION_KEY: secretKey.optional(),
  HOOPKIT_SESSION_TTL_SECONDS: envInteger({
    min: 60,
    max: 86_400,
    default: 900,
  }),
  /** Platform app origins that frame custom pages, space or comma separated. */
  HOOPAI_APP_ORIGINS: z.string().default(defaultPlatformAppOrigins.join(' ')),
  /** More origins that may frame custom pages, such as white-label domains. */
  HOOPKIT_FRAME_ANCESTORS: z.string().default(''),
  /** The built custom page; found in the workspace when unset. */
  HOOPKIT_CUSTOM_PAGE_DIR: z.string().min(1).optional(),
  /** The built widgets; found in the workspace when unset. */
  HOOPKIT_WIDGETS_DIR: z.string().min(1).optional(),
  ...billingEnvFields,
  ...webhookEnvFields,
  ...workflowEnvFields,
})

export type HoopkitEnv = z.infer<typeof hoopkitEnvSchema>

/**
 * Validates an environment record against a schema and returns the frozen
 * result. Every missing or invalid variable is listed in one error, by name
 * and without its value, since most of these hold secrets.
 */
export function parseEnv<TSchema extends z.ZodType>(
  schema: TSchema,
  env: Record<string, string | undefined>,
): Readonly<z.infer<TSchema>> {
  const result = schema.safeParse(env)
  if (result.success) {
    return Object.freeze(result.data)
  }

  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)'
    return `  ${name} ${issue.message}`
  })
  throw new HoopkitError(
    'CONFIG_INVALID',
    `invalid configuration: ${lines.length} environment variable(s) ` +
      `need attention:\n${lines.join('\n')}`,
    {
      details: { variables: result.error.issues.map((i) => i.path.join('.')) },
    },
  )
}

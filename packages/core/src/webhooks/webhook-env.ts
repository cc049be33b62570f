import { z } from 'zod'
import { envInteger } from '../config/env-integer.js'
import type { Logger } from '../logging/logger.js'
import {
  defaultSignatureThreadCount,
  maxSignatureThreads,
} from './signature-threads.js'
import {
  parsePublicKeys,
  platformWebhookPublicKey,
  platformWebhookRsaPublicKey,
} from './webhook-public-keys.js'
import { WebhookVerifier } from './webhook-verifier.js'

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((value) => value === 'true' || value === '1')

const day = 24 * 60 * 60

/**
 * The webhook variables of hoopkit's environment schema. Keys are PEM or
 * base64 DER, and a value may hold two keys during a rotation.
 */
export const webhookEnvFields = {
  /** Set to an empty value to run with no key, which needs dev mode. */
  HOOPAI_WEBHOOK_PUBLIC_KEY: z.string().default(platformWebhookPublicKey),
  HOOPAI_WEBHOOK_RSA_PUBLIC_KEY: z
    .string()
    .default(platformWebhookRsaPublicKey),
  /** Accepts the legacy RSA `x-wh-signature` header. */
  HOOPKIT_WEBHOOK_LEGACY_RSA: flag,
  /** Lets the server start without a webhook key. Requests still get 401. */
  HOOPKIT_WEBHOOK_DEV_MODE: flag,
  HOOPKIT_WEBHOOK_TOLERANCE_SECONDS: envInteger({
    min: 1,
    max: day,
    default: 300,
  }),
  HOOPKIT_WEBHOOK_BODY_LIMIT_BYTES: envInteger({
    min: 1024,
    default: 5 * 1024 * 1024,
  }),
  /** The number of threads that check signatures. 0 checks on the loop. */
  HOOPKIT_WEBHOOK_VERIFY_THREADS: envInteger({
    min: 0,
    max: maxSignatureThreads,
    default: defaultSignatureThreadCount(),
  }),
  /** How long received webhookIds are kept for dedupe, at least 3 days. */
  HOOPKIT_WEBHOOK_RETENTION_SECONDS: envInteger({
    min: 3 * day,
    default: 7 * day,
  }),
  /** How long data of an uninstalled install is kept before it is purged. */
  HOOPKIT_UNINSTALL_RETENTION_SECONDS: envInteger({
    min: 0,
    default: 30 * day,
  }),
}

type WebhookEnv = z.output<z.ZodObject<typeof webhookEnvFields>>

/**
 * Builds the verifier that the environment describes. It throws at startup
 * when no Ed25519 key is set, unless dev mode is on.
 */
export function webhookVerifierFromEnv(
  env: WebhookEnv,
  logger?: Logger,
): WebhookVerifier {
  return new WebhookVerifier({
    publicKeys: parsePublicKeys(
      env.HOOPAI_WEBHOOK_PUBLIC_KEY,
      'HOOPAI_WEBHOOK_PUBLIC_KEY',
    ),
    rsaPublicKeys: env.HOOPKIT_WEBHOOK_LEGACY_RSA
      ? parsePublicKeys(
          env.HOOPAI_WEBHOOK_RSA_PUBLIC_KEY,
          'HOOPAI_WEBHOOK_RSA_PUBLIC_KEY',
        )
      : [],
    legacyRsa: env.HOOPKIT_WEBHOOK_LEGACY_RSA,
    devMode: env.HOOPKIT_WEBHOOK_DEV_MODE,
    threads: env.HOOPKIT_WEBHOOK_VERIFY_THREADS,
    logger,
  })
}

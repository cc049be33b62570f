import { envInteger, hoopkitEnvSchema, parseEnv } from '@hoopkit/core'
import { z } from 'zod'

/** The backend's environment: hoopkit's variables plus the server's own. */
export const backendEnvSchema = hoopkitEnvSchema.extend({
  HOST: z.string().default('127.0.0.1'),
  PORT: envInteger({ min: 0, max: 65_535, default: 4000 }),
  /** The origin at which HoopAI and browsers reach this backend. */
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
})

export type BackendEnv = z.infer<typeof backendEnvSchema>

/** Reads and validates the process environment; the only reader of it. */
export function readEnv(
  env: Record<string, string | undefined> = process.env,
): Readonly<BackendEnv> {
  return parseEnv(backendEnvSchema, env)
}

import { join } from 'node:path'
import {
  type AppDeclaration,
  type Database,
  type Logger,
  openDatabase,
  TokenCipher,
} from '@hoopkit/core'
import declaration from '../hoopkit.app.js'
import type { BackendEnv } from './env.js'
import { createUiServices, type UiServices } from './ui/ui-services.js'

/** Everything the routes use, built once at startup from the environment. */
export interface Services {
  readonly env: Readonly<BackendEnv>
  readonly logger: Logger
  readonly declaration: AppDeclaration
  readonly database: Database
  readonly cipher: TokenCipher
  /** The origin at which the platform and browsers reach the backend. */
  readonly publicUrl: string
  /** SSO exchange, session tokens and framing for the UIs. */
  readonly ui: UiServices
  close(): Promise<void>
}

export async function createServices(
  env: Readonly<BackendEnv>,
  logger: Logger,
  listenUrl: string,
): Promise<Services> {
  const databaseUrl =
    env.DATABASE_URL ?? `sqlite:${join(env.HOOPKIT_DATA_DIR, 'app.db')}`
  const database = await openDatabase({ url: databaseUrl, logger })

  return {
    env,
    logger,
    declaration,
    database,
    cipher: new TokenCipher(env.HOOPKIT_SECRET_KEY),
    publicUrl: env.PUBLIC_URL ?? listenUrl,
    ui: createUiServices(env),
    close: () => database.close(),
  }
}

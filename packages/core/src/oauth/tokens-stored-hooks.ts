import type { UserType } from '../db/install-tables.js'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'

/** A new pair of tokens was stored for one resource. It carries no token. */
export interface TokensStoredEvent {
  appId: string
  userType: UserType
  resourceId: string
  companyId: string | null
  locationId: string | null
  scope: string | null
  /** `install` for a code exchange, `location_token` for a minted token. */
  source: 'install' | 'location_token'
}

export type TokensStoredListener = (event: TokensStoredEvent) => unknown

/**
 * Listeners called after tokens from an install or a minted location token
 * are stored, for example to finish INSTALL webhooks that arrived before
 * the code exchange. Refreshes do not fire it.
 */
export class TokensStoredHooks {
  readonly #listeners = new Set<TokensStoredListener>()
  readonly #logger: Logger

  constructor(logger: Logger = silentLogger) {
    this.#logger = logger
  }

  /** Adds a listener and returns the function that removes it. */
  onTokensStored(listener: TokensStoredListener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  /**
   * Calls every listener in turn and awaits it. A listener that throws is
   * logged and does not stop the others or fail the install.
   */
  async emit(event: TokensStoredEvent): Promise<void> {
    for (const listener of [...this.#listeners]) {
      try {
        await listener(event)
      } catch (error) {
        this.#logger.error(
          { err: error, appId: event.appId, resourceId: event.resourceId },
          'tokens stored listener failed',
        )
      }
    }
  }
}

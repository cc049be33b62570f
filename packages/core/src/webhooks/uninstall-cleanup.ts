import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import type { InstallRecord } from '../oauth/install-store.js'

/** A step that removes the app's own data of one install, such as its menu links. */
export type CleanupStep = (install: InstallRecord) => void | Promise<void>

/**
 * The steps that run when an install is removed, before the UNINSTALL
 * webhook is acknowledged. Each area of the app adds its own: trigger
 * subscriptions, custom menu links, sessions. Steps must be idempotent,
 * because a failed step makes the platform deliver the UNINSTALL again.
 *
 * @example
 * cleanup.add('trigger subscriptions', (install) =>
 *   subscriptions.deleteForLocation(install.resourceId))
 */
export class UninstallCleanup {
  readonly #steps: { name: string; step: CleanupStep }[] = []
  readonly #logger: Logger

  constructor(logger: Logger = silentLogger) {
    this.#logger = logger
  }

  add(name: string, step: CleanupStep): this {
    this.#steps.push({ name, step })
    return this
  }

  /**
   * Runs every step, even after one fails, then throws the first failure
   * so the caller does not acknowledge the uninstall.
   */
  async run(install: InstallRecord): Promise<void> {
    let firstError: unknown
    for (const { name, step } of this.#steps) {
      try {
        await step(install)
      } catch (error) {
        this.#logger.error(
          { err: error, step: name, resourceId: install.resourceId },
          'uninstall cleanup step failed',
        )
        firstError ??= error
      }
    }
    if (firstError !== undefined) {
      throw firstError
    }
  }
}

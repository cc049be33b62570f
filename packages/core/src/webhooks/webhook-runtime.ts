import type { Database } from '../db/database.js'
import type { Logger } from '../logging/logger.js'
import { silentLogger } from '../logging/logger.js'
import type { InstallRecord } from '../oauth/install-store.js'
import {
  InstallLifecycle,
  type LifecycleOauth,
  lifecycleEventTypes,
} from './install-lifecycle.js'
import { skipUninstalledEvents } from './uninstalled-event-skip.js'
import { WebhookHandlers } from './webhook-handlers.js'
import { WebhookInbox } from './webhook-inbox.js'
import { WebhookReceiver } from './webhook-receiver.js'
import type { WebhookVerifier } from './webhook-verifier.js'
import { WebhookWorker, type WebhookWorkerOptions } from './webhook-worker.js'

export interface WebhookRuntimeOptions {
  database: Database
  verifier: WebhookVerifier
  /** The app's OAuth services, for INSTALL and UNINSTALL. */
  oauth: LifecycleOauth
  logger?: Logger
  /** @default Date.now */
  now?: () => number
  /** @default 300_000 (5 min) */
  toleranceMs?: number
  /** @default 5_242_880 (5 MiB) */
  bodyLimitBytes?: number
  /** How long processed events are kept for dedupe, at least 72 h. @default 604_800_000 (7 days) */
  eventRetentionMs?: number
  /** @default 2_592_000_000 (30 days) */
  uninstallRetentionMs?: number
  onUninstall?: (install: InstallRecord) => void | Promise<void>
  /** Settings of the worker besides its inbox, handlers and logger. */
  worker?: Omit<WebhookWorkerOptions, 'inbox' | 'handlers' | 'logger'>
  /**
   * How often pending installs are retried and old records purged.
   * @default 60_000
   */
  maintenanceIntervalMs?: number
}

/** The webhook parts of one app, wired to one database. */
export interface WebhookRuntime {
  readonly inbox: WebhookInbox
  readonly handlers: WebhookHandlers
  readonly receiver: WebhookReceiver
  readonly worker: WebhookWorker
  readonly lifecycle: InstallLifecycle
  /** Starts the worker, the Company-token listener and maintenance. */
  start(): void
  stop(): Promise<void>
  /** Retries pending installs and purges expired records once. */
  maintain(): Promise<void>
}

/**
 * Builds the receiver, inbox, worker and install lifecycle of one app.
 *
 * @example
 * const webhooks = createWebhookRuntime({ database, verifier, oauth })
 * webhooks.handlers.on('ContactCreate', (contact) => notes.add(contact))
 * await server.register(webhookPlugin, { receiver: webhooks.receiver })
 * webhooks.start()
 */
export function createWebhookRuntime(
  options: WebhookRuntimeOptions,
): WebhookRuntime {
  const logger = (options.logger ?? silentLogger).child({
    component: 'webhooks',
  })
  const now = options.now ?? Date.now
  const inbox = new WebhookInbox(options.database.db, options.database.kind)
  const handlers = new WebhookHandlers()
  const worker = new WebhookWorker({
    skip: skipUninstalledEvents(options.oauth),
    ...options.worker,
    inbox,
    handlers,
    logger,
    now,
  })
  const lifecycle = new InstallLifecycle({
    database: options.database,
    oauth: options.oauth,
    logger,
    now,
    ...(options.onUninstall ? { onUninstall: options.onUninstall } : {}),
    ...(options.uninstallRetentionMs !== undefined
      ? { retentionMs: options.uninstallRetentionMs }
      : {}),
  })
  lifecycle.register(handlers)
  const receiver = new WebhookReceiver({
    verifier: options.verifier,
    inbox,
    logger,
    now,
    beforeAcknowledge: lifecycle.beforeAcknowledge,
    acknowledgeTypes: lifecycleEventTypes,
    handoff: worker,
    ...(options.toleranceMs !== undefined
      ? { toleranceMs: options.toleranceMs }
      : {}),
    ...(options.bodyLimitBytes !== undefined
      ? { bodyLimitBytes: options.bodyLimitBytes }
      : {}),
  })

  let stopListening: (() => void) | undefined
  let timer: NodeJS.Timeout | undefined
  const maintain = async () => {
    try {
      await lifecycle.pending.complete()
      await lifecycle.purgeUninstalled()
      await inbox.purgeExpired(
        now(),
        options.eventRetentionMs ?? 7 * 86_400_000,
      )
    } catch (error) {
      logger.error({ err: error }, 'webhook maintenance failed')
    }
  }

  return {
    inbox,
    handlers,
    receiver,
    worker,
    lifecycle,
    maintain,
    start() {
      worker.start()
      stopListening = lifecycle.listen()
      timer = setInterval(
        () => void maintain(),
        options.maintenanceIntervalMs ?? 60_000,
      )
      timer.unref()
    },
    async stop() {
      clearInterval(timer)
      stopListening?.()
      await worker.stop()
    },
  }
}

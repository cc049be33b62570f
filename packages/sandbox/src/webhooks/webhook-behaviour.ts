/**
 * The webhook behaviours that the platform's docs leave open, part of the
 * sandbox's `PlatformBehaviour`. Defaults are the stricter readings.
 */
export interface WebhookBehaviour {
  /**
   * `older` retries only 429, up to 6 times about 10 minutes apart.
   * `current` retries any non-2xx, timeout or connection failure, up to 12
   * times with exponential backoff. Both add random jitter.
   * @default 'older'
   */
  webhookRetryPolicy: 'older' | 'current'
  /**
   * The bytes of a retry: the same ones, or a new `timestamp` signed again.
   * The `webhookId` stays the same either way.
   * @default 'identical'
   */
  webhookRetryBytes: 'identical' | 'fresh'
  /**
   * The legacy `x-wh-signature` header: not sent, sent with a valid RSA
   * signature, or sent as `N/A`.
   * @default 'none'
   */
  webhookRsaHeader: 'none' | 'both' | 'na'
  /**
   * The share of delivered webhooks that are sent a second time, from 0 to 1.
   * @default 0.1
   */
  webhookDuplicateRate: number
  /**
   * Seconds, in platform time, that the sandbox waits for a reply.
   * @default 10
   */
  webhookDeliveryTimeoutSeconds: number
  /**
   * Sends bodies with `\u00e9` escapes, `\/` and `10.0`, which verify only
   * when the app checks the received bytes.
   * @default false
   */
  webhookHostileBytes: boolean
  /**
   * Sends the event flat, as the platform does, or wrapped in `data`.
   * @default 'flat'
   */
  webhookBodyShape: 'flat' | 'data'
  /**
   * Pauses a URL with more than `webhookBreakerMinVolume` webhooks over 3
   * platform days and under 90% success, after a first warning.
   * @default true
   */
  webhookCircuitBreaker: boolean
  /** @default 10_000 */
  webhookBreakerMinVolume: number
  /**
   * The `type` of appointment updates and deletes: the event's own name,
   * or `AppointmentCreate` for all three, as the docs' examples show.
   * @default 'correct'
   */
  appointmentEventTypes: 'correct' | 'create-for-all'
  /**
   * Whether `InvoicePaid` bodies carry `type` and `locationId`. The docs'
   * example has neither.
   * @default 'absent'
   */
  invoicePaidType: 'absent' | 'present'
}

export const defaultWebhookBehaviour: Readonly<WebhookBehaviour> =
  Object.freeze({
    webhookRetryPolicy: 'older',
    webhookRetryBytes: 'identical',
    webhookRsaHeader: 'none',
    webhookDuplicateRate: 0.1,
    webhookDeliveryTimeoutSeconds: 10,
    webhookHostileBytes: false,
    webhookBodyShape: 'flat',
    webhookCircuitBreaker: true,
    webhookBreakerMinVolume: 10_000,
    appointmentEventTypes: 'correct',
    invoicePaidType: 'absent',
  })

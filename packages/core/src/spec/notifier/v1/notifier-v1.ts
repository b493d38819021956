import type { NotificationV1 } from './notification-v1.js';

/** The outcome of one delivery attempt. Notifiers report failures here; they never throw for them. */
export type DeliveryResultV1 =
  | {
      /** The receiver accepted the notification. */
      readonly status: 'delivered';
      /** Receiver-side id, when the receiver returns one (message id, ts). */
      readonly id?: string;
    }
  | {
      /** A temporary failure: core's delivery pipeline retries with backoff. */
      readonly status: 'retryable';
      /** Why, without secrets (no URLs with tokens, no credentials). */
      readonly reason: string;
      /** The receiver's Retry-After, in milliseconds, when it sent one; core waits at least this long. */
      readonly retryAfterMs?: number;
    }
  | {
      /** A permanent failure (bad credentials, bad request): not retried, sent to the dead letters. */
      readonly status: 'failed';
      /** Why, without secrets. */
      readonly reason: string;
    };

/** Options for one delivery attempt. */
export interface SendOptionsV1 {
  /** Aborts the attempt; the notifier must stop network I/O and resolve `retryable` promptly. */
  readonly signal: AbortSignal;
}

/**
 * A notification channel (email, Slack, Teams, Telegram, webhook, ...). Retry, backoff, timeouts, rate
 * limits and dead letters belong to core's delivery pipeline: a notifier makes one attempt per call.
 */
export interface NotifierV1 {
  /** The interface version this notifier implements. */
  readonly specificationVersion: 'v1';
  /** Channel id, unique among the configured notifiers (`slack`, `ops-email`, ...). */
  readonly id: string;
  /** Makes one delivery attempt. Resolves with the outcome; rejects only on programmer error. */
  send(notification: NotificationV1, options: SendOptionsV1): Promise<DeliveryResultV1>;
  /** Releases connections (SMTP pools, sockets). Idempotent. */
  close?(): Promise<void>;
}

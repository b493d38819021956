import type { Meter } from '@opentelemetry/api';
import type { LoggerV1 } from '../../spec/logs/v1/logger-v1.js';
import type { NotificationV1 } from '../../spec/notifier/v1/notification-v1.js';
import type { NotifierV1 } from '../../spec/notifier/v1/notifier-v1.js';

/** Time source and timers of the pipeline; inject a fake one in tests. */
export interface DeliveryClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` once after `ms` milliseconds; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a timer made by `setTimeout`. */
  clearTimeout(handle: unknown): void;
}

/** Exponential backoff between retries of one notification: `initialMs × multiplier^retry`, capped. */
export interface BackoffOptions {
  /** Wait before the first retry, in ms. Default 500. */
  readonly initialMs: number;
  /** Growth per retry. Default 2. */
  readonly multiplier: number;
  /** Longest wait, in ms, jitter included. Default 30 000. */
  readonly maxMs: number;
  /** Random spread as a fraction of the wait: 0.2 means ±20 %. Default 0.2. */
  readonly jitter: number;
}

/** Delivery settings of one notifier. */
export interface DeliverySettings {
  /**
   * Longest single `send` call, in ms (never more than `deadlineMs`); the attempt's `AbortSignal` fires
   * then. Default 10 000.
   */
  readonly attemptTimeoutMs: number;
  /**
   * Budget of one delivery round, in ms: attempts and the waits between them, from the round's first
   * attempt. A retry stays in the round only when its wait (backoff or Retry-After) plus a full attempt
   * timeout fit in what is left; otherwise the notification is rescheduled for after the wait, with a new
   * round, and meanwhile other groups go first. Default 30 000 (the seeds' 30 s per send).
   */
  readonly deadlineMs: number;
  /** Most attempts for one notification over all rounds. Default 10. */
  readonly maxAttempts: number;
  /** Most reschedules (new rounds) for one notification; then it fails. Default 3. */
  readonly maxReschedules: number;
  /** Waits between retries. */
  readonly backoff: BackoffOptions;
  /**
   * Most notifications waiting for this notifier, in flight and rescheduled ones included. When full,
   * a new notification fails at once with reason `queue full` (outcome `dropped`, dead-lettered), so
   * the caller learns of it and its next evaluation can send again; what was accepted is never evicted.
   * Default 100.
   */
  readonly queueSize: number;
  /** Sustained attempts per minute (token bucket); `Infinity` for no limit. Default 20. */
  readonly ratePerMinute: number;
  /** Attempts allowed back to back before `ratePerMinute` spaces them. Default 5. */
  readonly burst: number;
}

/** Per-notifier overrides; `backoff` merges field by field. */
export type DeliverySettingsOverrides = Partial<Omit<DeliverySettings, 'backoff'>> & {
  /** Fields of the backoff to change. */
  readonly backoff?: Partial<BackoffOptions>;
};

/** How a notification ended, as metrics and dead letters report it. */
export type DeliveryFinalOutcome =
  /** The notifier accepted it. */
  | 'delivered'
  /** The notifier refused it permanently (bad request, bad credentials): not retried. */
  | 'failed'
  /** Retries ran out: attempts, reschedules, or a close that cut them short. */
  | 'dead_lettered'
  /** Never attempted: queue full, or the pipeline closed first. */
  | 'dropped';

/** What `deliver` resolves with. */
export interface DeliveryOutcome {
  /** `delivered`, or `failed` for every other end. */
  readonly status: 'delivered' | 'failed';
  /** Attempts made (0 when the notification was never sent). */
  readonly attempts: number;
  /** Why it failed (the last attempt's reason, without secrets). Absent when delivered. */
  readonly reason?: string;
  /** Whether a dead-letter record was kept; `false` only for an unknown notifier id. */
  readonly deadLettered?: boolean;
}

/** A notification that was finally not delivered. */
export interface DeadLetterRecord {
  /** The notifier it was meant for. */
  readonly notifierId: string;
  /** The notification itself, so it can be inspected or re-sent. */
  readonly notification: NotificationV1;
  /** `failed`, `dead_lettered` or `dropped`. */
  readonly outcome: Exclude<DeliveryFinalOutcome, 'delivered'>;
  /** Why, without secrets. */
  readonly reason: string;
  /** Attempts made. */
  readonly attempts: number;
  /** When `deliver` was called, ms since the epoch (pipeline clock). */
  readonly acceptedAt: number;
  /** When it was given up, ms since the epoch (pipeline clock). */
  readonly at: number;
}

/** Delivery health of one notifier, as `stats()` reports it. */
export interface NotifierDeliveryStats {
  /** Notifications delivered since start. */
  readonly delivered: number;
  /** Notifications finally not delivered since start (failed, dead-lettered or dropped). */
  readonly failed: number;
  /** Notifications waiting now, in flight included. */
  readonly queued: number;
  /** Final failures since the last delivery. */
  readonly consecutiveFailures: number;
  /** Time of the last delivery, ms since the epoch. */
  readonly lastSuccessAt?: number;
  /** Time of the last final failure, ms since the epoch. */
  readonly lastFailureAt?: number;
  /** Reason of the last final failure. */
  readonly lastFailureReason?: string;
  /** Until when a Retry-After pauses this notifier, ms since the epoch; absent when not paused. */
  readonly pausedUntil?: number;
}

/** Options of `DeliveryPipeline`. */
export interface DeliveryPipelineOptions {
  /** The notifiers to deliver to; ids must be unique. */
  readonly notifiers: readonly NotifierV1[];
  /** Meter for the `mcp_o11y.notifications.*` metrics (the handle's `meter`). Default: none recorded. */
  readonly meter?: Meter;
  /** Logger for dead letters and reschedules (the handle's `logger`). Default: silent. */
  readonly logger?: LoggerV1;
  /** Time source and timers. Default: `Date.now` and the global timers. */
  readonly clock?: DeliveryClock;
  /** Random numbers in [0, 1) for the jitter. Default `Math.random`. */
  readonly random?: () => number;
  /** Settings of every notifier, over the built-in defaults. */
  readonly defaults?: DeliverySettingsOverrides;
  /** Settings of single notifiers by id, over `defaults`. */
  readonly perNotifier?: Readonly<Record<string, DeliverySettingsOverrides>>;
  /** Dead-letter records kept, newest last; older ones are discarded. Default 100. */
  readonly deadLetterLimit?: number;
  /** Called with every dead-letter record; an exception in it is logged and ignored. */
  readonly onDeadLetter?: (record: DeadLetterRecord) => void;
}

/** The built-in settings. */
export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = Object.freeze({
  attemptTimeoutMs: 10_000,
  deadlineMs: 30_000,
  maxAttempts: 10,
  maxReschedules: 3,
  backoff: Object.freeze({ initialMs: 500, multiplier: 2, maxMs: 30_000, jitter: 0.2 }),
  queueSize: 100,
  ratePerMinute: 20,
  burst: 5,
});

/** `base` with `overrides` applied, validated; errors name `where` and the bad field. */
export function resolveDeliverySettings(
  base: DeliverySettings,
  overrides: DeliverySettingsOverrides | undefined,
  where: string,
): DeliverySettings {
  const settings: DeliverySettings = {
    ...base,
    ...overrides,
    backoff: { ...base.backoff, ...overrides?.backoff },
  };
  const check = (ok: boolean, field: string, expected: string, value: number): void => {
    if (ok) return;
    throw new RangeError(
      `[@mcp-o11y/core] DeliveryPipeline: ${where}.${field} must be ${expected}, got ${String(value)}.`,
    );
  };
  const positive = (value: number, field: string): void =>
    check(value > 0 && Number.isFinite(value), field, 'a positive number', value);
  positive(settings.attemptTimeoutMs, 'attemptTimeoutMs');
  positive(settings.deadlineMs, 'deadlineMs');
  positive(settings.backoff.initialMs, 'backoff.initialMs');
  positive(settings.backoff.maxMs, 'backoff.maxMs');
  positive(settings.burst, 'burst');
  const { maxAttempts, maxReschedules, queueSize, ratePerMinute } = settings;
  check(Number.isInteger(maxAttempts) && maxAttempts >= 1, 'maxAttempts', 'an integer ≥ 1', maxAttempts);
  check(
    Number.isInteger(maxReschedules) && maxReschedules >= 0,
    'maxReschedules',
    'an integer ≥ 0',
    maxReschedules,
  );
  check(Number.isInteger(queueSize) && queueSize >= 1, 'queueSize', 'an integer ≥ 1', queueSize);
  check(ratePerMinute > 0, 'ratePerMinute', 'a positive number or Infinity', ratePerMinute);
  check(settings.backoff.multiplier >= 1, 'backoff.multiplier', 'at least 1', settings.backoff.multiplier);
  const { jitter } = settings.backoff;
  check(jitter >= 0 && jitter < 1, 'backoff.jitter', 'from 0 up to (not including) 1', jitter);
  return settings;
}

import type { LoggerV1 } from '../../spec/logs/v1/logger-v1.js';
import type { NotificationV1 } from '../../spec/notifier/v1/notification-v1.js';
import {
  createDeliveryInstruments,
  type DeliveryInstruments,
  NOTIFIER_ATTRIBUTE,
} from './delivery-instruments.js';
import {
  DEFAULT_DELIVERY_SETTINGS,
  type DeadLetterRecord,
  type DeliveryClock,
  type DeliveryFinalOutcome,
  type DeliveryOutcome,
  type DeliveryPipelineOptions,
  type NotifierDeliveryStats,
  resolveDeliverySettings,
} from './delivery-options.js';
import { type ChannelEvents, NotifierChannel, type PendingDelivery } from './notifier-channel.js';

const systemClock: DeliveryClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

type MutableStats = { -readonly [K in keyof NotifierDeliveryStats]: NotifierDeliveryStats[K] };

/**
 * Delivers notifications to notifiers, shared by all of them: one bounded queue and worker per notifier,
 * an attempt timeout inside a per-round deadline, exponential backoff with jitter, Retry-After honoured
 * (a wait longer than the round's budget reschedules the notification instead of holding the queue), a
 * per-notifier rate limit, no retry of permanent failures, dead letters, per-notifier stats and the
 * `mcp_o11y.notifications.*` metrics. Settings are documented on `DeliverySettings`.
 *
 * Delivery is at least once: a notifier that times out may still have delivered, and is retried.
 */
export class DeliveryPipeline {
  readonly #channels = new Map<string, NotifierChannel>();
  readonly #stats = new Map<string, MutableStats>();
  readonly #deadLetters: DeadLetterRecord[] = [];
  readonly #deadLetterLimit: number;
  readonly #onDeadLetter: ((record: DeadLetterRecord) => void) | undefined;
  readonly #clock: DeliveryClock;
  readonly #logger: LoggerV1 | undefined;
  readonly #instruments: DeliveryInstruments | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: DeliveryPipelineOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger?.child({ component: 'alert-delivery' });
    this.#deadLetterLimit = options.deadLetterLimit ?? 100;
    this.#onDeadLetter = options.onDeadLetter;
    const defaults = resolveDeliverySettings(DEFAULT_DELIVERY_SETTINGS, options.defaults, 'defaults');
    const ids = options.notifiers.map((notifier) => notifier.id);
    for (const id of Object.keys(options.perNotifier ?? {})) {
      if (!ids.includes(id)) {
        throw new Error(
          `[@mcp-o11y/core] DeliveryPipeline: perNotifier names "${id}", which is not a configured notifier ` +
            `(${ids.join(', ') || 'none'}). Fix the id or add the notifier.`,
        );
      }
    }
    const events: ChannelEvents = {
      attempted: (id, result) => this.#instruments?.attempts.add(1, { [NOTIFIER_ATTRIBUTE]: id, result }),
      settled: (id, item, outcome, reason) => this.#record(id, item, outcome, reason),
      rescheduled: (id, item, waitMs, reason) =>
        this.#logger?.info('notification rescheduled after its delivery round', {
          notifier: id,
          groupKey: item.notification.groupKey,
          attempts: item.attempts,
          waitMs,
          reason,
        }),
    };
    for (const notifier of options.notifiers) {
      if (this.#channels.has(notifier.id)) {
        throw new Error(
          `[@mcp-o11y/core] DeliveryPipeline: two notifiers have the id "${notifier.id}"; give each a unique id.`,
        );
      }
      const settings = resolveDeliverySettings(
        defaults,
        options.perNotifier?.[notifier.id],
        `perNotifier.${notifier.id}`,
      );
      const random = options.random ?? Math.random;
      this.#channels.set(notifier.id, new NotifierChannel(notifier, settings, this.#clock, random, events));
      this.#stats.set(notifier.id, { delivered: 0, failed: 0, queued: 0, consecutiveFailures: 0 });
    }
    this.#instruments =
      options.meter === undefined
        ? undefined
        : createDeliveryInstruments(options.meter, () =>
            [...this.#channels].map(([id, channel]) => [id, channel.queue.length] as const),
          );
  }

  /**
   * Delivers `notification` to the notifier `notifierId`. Resolves when it is delivered or finally not
   * delivered; never rejects. A full queue or a closed pipeline fails it at once (outcome `dropped`); an
   * unknown id or a malformed notification fails at once without a dead letter.
   */
  deliver(notifierId: string, notification: NotificationV1): Promise<DeliveryOutcome> {
    const channel = this.#channels.get(notifierId);
    if (channel === undefined) {
      const reason = `unknown notifier "${notifierId}" (configured: ${[...this.#channels.keys()].join(', ') || 'none'})`;
      this.#logger?.warn('notification for an unknown notifier', { notifier: notifierId, reason });
      return Promise.resolve({ status: 'failed', attempts: 0, reason, deadLettered: false });
    }
    if (typeof notification?.groupKey !== 'string' || !Array.isArray(notification.alerts)) {
      const reason =
        'invalid notification: it needs a string groupKey and an alerts array (see NotificationV1)';
      this.#logger?.error('invalid notification refused', { notifier: notifierId });
      return Promise.resolve({ status: 'failed', attempts: 0, reason, deadLettered: false });
    }
    const refusal =
      this.#closing !== undefined
        ? 'pipeline closed'
        : channel.queue.length >= channel.settings.queueSize
          ? 'queue full'
          : undefined;
    if (refusal === undefined) return channel.enqueue(notification);
    const item: PendingDelivery = {
      notification,
      acceptedAt: this.#clock.now(),
      resolve: () => undefined,
      attempts: 0,
      retries: 0,
      reschedules: 0,
      notBefore: 0,
      roundDeadline: undefined,
    };
    this.#record(notifierId, item, 'dropped', refusal);
    return Promise.resolve({ status: 'failed', attempts: 0, reason: refusal, deadLettered: true });
  }

  /** Delivery health per notifier id. */
  stats(): Readonly<Record<string, NotifierDeliveryStats>> {
    const result: Record<string, NotifierDeliveryStats> = {};
    for (const [id, stats] of this.#stats) {
      const channel = this.#channels.get(id)!;
      const pausedUntil = channel.pausedUntil();
      result[id] = {
        ...stats,
        queued: channel.queue.length,
        ...(pausedUntil === undefined ? {} : { pausedUntil }),
      };
    }
    return result;
  }

  /** The most recent dead-letter records (up to `deadLetterLimit`), oldest first. */
  deadLetters(): readonly DeadLetterRecord[] {
    return [...this.#deadLetters];
  }

  /**
   * Stops accepting notifications and waits up to `timeoutMs` (default 5000) for the queues to drain,
   * retries included; what is still pending then is settled as not delivered (in-flight attempts are
   * aborted). Does not close the notifiers: whoever created them does. Idempotent; never rejects.
   */
  close(timeoutMs = 5_000): Promise<void> {
    this.#closing ??= this.#drain(timeoutMs);
    return this.#closing;
  }

  async #drain(timeoutMs: number): Promise<void> {
    const channels = [...this.#channels.values()];
    const drained = Promise.all(channels.map((channel) => channel.whenIdle()));
    let timer: unknown;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = this.#clock.setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const winner = await Promise.race([drained.then(() => 'drained' as const), timedOut]);
    this.#clock.clearTimeout(timer);
    if (winner === 'timeout') {
      for (const channel of channels)
        channel.abandon(`pipeline closed before delivery (drain took over ${timeoutMs} ms)`);
      await drained;
    }
    this.#instruments?.dispose();
  }

  #record(notifierId: string, item: PendingDelivery, outcome: DeliveryFinalOutcome, reason?: string): void {
    const now = this.#clock.now();
    const attributes = { [NOTIFIER_ATTRIBUTE]: notifierId, outcome };
    this.#instruments?.sent.add(1, attributes);
    this.#instruments?.duration.record(Math.max(0, now - item.acceptedAt) / 1000, attributes);
    const stats = this.#stats.get(notifierId)!;
    if (outcome === 'delivered') {
      stats.delivered += 1;
      stats.consecutiveFailures = 0;
      stats.lastSuccessAt = now;
      return;
    }
    stats.failed += 1;
    stats.consecutiveFailures += 1;
    stats.lastFailureAt = now;
    stats.lastFailureReason = reason ?? outcome;
    const record: DeadLetterRecord = {
      notifierId,
      notification: item.notification,
      outcome,
      reason: reason ?? outcome,
      attempts: item.attempts,
      acceptedAt: item.acceptedAt,
      at: now,
    };
    this.#deadLetters.push(record);
    if (this.#deadLetters.length > this.#deadLetterLimit) this.#deadLetters.shift();
    this.#logger?.warn('notification not delivered', {
      notifier: notifierId,
      groupKey: item.notification.groupKey,
      outcome,
      attempts: item.attempts,
      reason: record.reason,
    });
    try {
      this.#onDeadLetter?.(record);
    } catch (error) {
      this.#logger?.error('onDeadLetter hook threw', { err: error, notifier: notifierId });
    }
  }
}

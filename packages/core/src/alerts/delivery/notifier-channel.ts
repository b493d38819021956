import type { NotificationV1 } from '../../spec/notifier/v1/notification-v1.js';
import type { NotifierV1 } from '../../spec/notifier/v1/notifier-v1.js';
import { backoffDelay } from './backoff-delay.js';
import type {
  DeliveryClock,
  DeliveryFinalOutcome,
  DeliveryOutcome,
  DeliverySettings,
} from './delivery-options.js';
import { type AttemptResult, type RunningAttempt, runAttempt } from './run-attempt.js';
import { TokenBucket } from './token-bucket.js';

/** A notification accepted for one notifier and not yet settled. */
export interface PendingDelivery {
  readonly notification: NotificationV1;
  readonly acceptedAt: number;
  readonly resolve: (outcome: DeliveryOutcome) => void;
  attempts: number;
  /** Retries so far: the backoff exponent. */
  retries: number;
  reschedules: number;
  /** Not attempted before this time (backoff, Retry-After). */
  notBefore: number;
  /** End of the current round's budget; unset until the round's first attempt. */
  roundDeadline: number | undefined;
}

/** What the pipeline records about a channel's work. */
export interface ChannelEvents {
  attempted(notifierId: string, result: AttemptResult['kind']): void;
  settled(notifierId: string, item: PendingDelivery, outcome: DeliveryFinalOutcome, reason?: string): void;
  rescheduled(notifierId: string, item: PendingDelivery, waitMs: number, reason: string): void;
}

interface SettleAs {
  readonly outcome: DeliveryFinalOutcome;
  readonly reason?: string;
}

// Node's timers overflow above 2^31-1 ms and fire at once; a longer wait is re-armed on wake-up.
const longestTimerMs = 2_147_483_647;

/**
 * One notifier's bounded queue and its single worker. One attempt at a time per notifier (so its rate
 * limit and Retry-After pauses hold); other notifiers have their own channel and never wait on this one.
 *
 * Scheduling: the worker takes the oldest notification that is due, but never one whose group
 * (`groupKey`) has an older notification still pending — so a resolve can never overtake the firing it
 * resolves, while other groups move on past a notification that waits for its retry. A Retry-After
 * pauses the whole notifier (the receiver asked the channel, not the message, to slow down).
 */
export class NotifierChannel {
  readonly queue: PendingDelivery[] = [];
  readonly #notifier: NotifierV1;
  readonly #settings: DeliverySettings;
  readonly #clock: DeliveryClock;
  readonly #random: () => number;
  readonly #events: ChannelEvents;
  readonly #bucket: TokenBucket;
  readonly #idleWaiters: (() => void)[] = [];
  /** The notification being attempted, and its attempt. */
  #current: PendingDelivery | undefined;
  #inFlight: RunningAttempt | undefined;
  #wake: unknown;
  #pausedUntil = 0;
  #abandonReason: string | undefined;

  constructor(
    notifier: NotifierV1,
    settings: DeliverySettings,
    clock: DeliveryClock,
    random: () => number,
    events: ChannelEvents,
  ) {
    this.#notifier = notifier;
    this.#settings = settings;
    this.#clock = clock;
    this.#random = random;
    this.#events = events;
    this.#bucket = new TokenBucket(settings.ratePerMinute, settings.burst, clock.now());
  }

  get id(): string {
    return this.#notifier.id;
  }

  get settings(): DeliverySettings {
    return this.#settings;
  }

  /** Until when a Retry-After pauses the notifier, if it does now. */
  pausedUntil(): number | undefined {
    return this.#pausedUntil > this.#clock.now() ? this.#pausedUntil : undefined;
  }

  /** Queues `notification`; the caller has checked the queue has room. */
  enqueue(notification: NotificationV1): Promise<DeliveryOutcome> {
    return new Promise<DeliveryOutcome>((resolve) => {
      const now = this.#clock.now();
      this.queue.push({
        notification,
        acceptedAt: now,
        resolve,
        attempts: 0,
        retries: 0,
        reschedules: 0,
        notBefore: now,
        roundDeadline: undefined,
      });
      this.#pump();
    });
  }

  /** Resolves once nothing is queued or in flight. */
  whenIdle(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Settles everything now as not delivered: waiting ones at once, the one in flight by aborting it. */
  abandon(reason: string): void {
    this.#abandonReason = reason;
    this.#clearWake();
    for (const item of [...this.queue]) if (item !== this.#current) this.#abandonItem(item);
    this.#inFlight?.cancel(reason);
  }

  #abandonItem(item: PendingDelivery): void {
    this.#settle(item, item.attempts === 0 ? 'dropped' : 'dead_lettered', this.#abandonReason);
  }

  #pump(): void {
    if (this.#current !== undefined || this.#abandonReason !== undefined) return;
    this.#clearWake();
    if (this.queue.length === 0) return;
    const now = this.#clock.now();
    const wakeAt = this.#pausedUntil > now ? this.#pausedUntil : this.#startDue(now);
    if (wakeAt !== undefined) this.#wakeAt(wakeAt, now);
  }

  /** Starts the next due attempt if the rate limit allows; otherwise returns when to look again. */
  #startDue(now: number): number | undefined {
    const { due, nextAt } = this.#nextDue(now);
    if (due === undefined) return nextAt;
    const tokenAt = this.#bucket.take(now);
    if (tokenAt > now) return tokenAt;
    void this.#attempt(due, now);
    return undefined;
  }

  #nextDue(now: number): { due?: PendingDelivery; nextAt: number } {
    const groupsSeen = new Set<string>();
    let nextAt = Number.POSITIVE_INFINITY;
    for (const item of this.queue) {
      const group = item.notification.groupKey;
      if (groupsSeen.has(group)) continue;
      groupsSeen.add(group);
      if (item.notBefore <= now) return { due: item, nextAt };
      nextAt = Math.min(nextAt, item.notBefore);
    }
    return { nextAt };
  }

  async #attempt(item: PendingDelivery, now: number): Promise<void> {
    if (item.roundDeadline === undefined || item.roundDeadline <= now) {
      item.roundDeadline = now + this.#settings.deadlineMs;
    }
    item.attempts += 1;
    const timeoutMs = Math.min(this.#settings.attemptTimeoutMs, this.#settings.deadlineMs);
    this.#current = item;
    this.#inFlight = runAttempt(this.#notifier, item.notification, timeoutMs, this.#clock);
    const result = await this.#inFlight.result;
    this.#inFlight = undefined;
    this.#current = undefined;
    this.#events.attempted(this.id, result.kind);
    // Closing cuts retries short, but an answer that arrived keeps its meaning.
    const final = result.kind === 'delivered' || result.kind === 'failed';
    if (this.#abandonReason !== undefined && !final) this.#abandonItem(item);
    else {
      const end = this.#afterAttempt(item, result);
      if (end !== undefined) this.#settle(item, end.outcome, end.reason);
    }
    this.#pump();
  }

  /** How the notification ends after this attempt, or `undefined` when it waits for another. */
  #afterAttempt(item: PendingDelivery, result: AttemptResult): SettleAs | undefined {
    if (result.kind === 'delivered') return { outcome: 'delivered' };
    if (result.kind === 'failed') return { outcome: 'failed', reason: result.reason };
    const settings = this.#settings;
    if (item.attempts >= settings.maxAttempts) {
      return {
        outcome: 'dead_lettered',
        reason: `gave up after ${item.attempts} attempts: ${result.reason}`,
      };
    }
    const now = this.#clock.now();
    const retryAfterMs = result.kind === 'retryable' ? result.retryAfterMs : undefined;
    const backoffMs = backoffDelay(item.retries, settings.backoff, this.#random);
    item.retries += 1;
    // The longer of the two: never sooner than the receiver asked, never faster than our own backoff.
    const waitMs = retryAfterMs === undefined ? backoffMs : Math.max(retryAfterMs, backoffMs);
    if (retryAfterMs !== undefined) this.#pausedUntil = Math.max(this.#pausedUntil, now + retryAfterMs);
    item.notBefore = now + waitMs;
    // Retry in this round only if the wait leaves room for a full attempt before the round ends.
    if (item.notBefore + settings.attemptTimeoutMs <= (item.roundDeadline ?? now)) return undefined;
    if (item.reschedules >= settings.maxReschedules) {
      const rounds = `${item.reschedules + 1} rounds of ${settings.deadlineMs} ms`;
      return {
        outcome: 'dead_lettered',
        reason: `gave up after ${item.attempts} attempts in ${rounds}: ${result.reason}`,
      };
    }
    // The wait outlasts this round: park it with a fresh budget for after the wait; others go first.
    item.reschedules += 1;
    item.roundDeadline = undefined;
    this.#events.rescheduled(this.id, item, waitMs, result.reason);
    return undefined;
  }

  #settle(item: PendingDelivery, outcome: DeliveryFinalOutcome, reason?: string): void {
    const index = this.queue.indexOf(item);
    if (index === -1) return;
    this.queue.splice(index, 1);
    this.#events.settled(this.id, item, outcome, reason);
    item.resolve(
      outcome === 'delivered'
        ? { status: 'delivered', attempts: item.attempts }
        : { status: 'failed', attempts: item.attempts, reason: reason ?? outcome, deadLettered: true },
    );
    if (this.queue.length === 0) for (const waiter of this.#idleWaiters.splice(0)) waiter();
  }

  #wakeAt(at: number, now: number): void {
    if (!Number.isFinite(at)) return;
    this.#wake = this.#clock.setTimeout(
      () => {
        this.#wake = undefined;
        this.#pump();
      },
      Math.min(Math.max(0, at - now), longestTimerMs),
    );
  }

  #clearWake(): void {
    if (this.#wake === undefined) return;
    this.#clock.clearTimeout(this.#wake);
    this.#wake = undefined;
  }
}

import type { ErrorKind, SentryErrorEventJson } from './convert-to-error-event.js';
import type { ResolvedSentryOptions } from './sentry-options.js';

/** Why an error event was not sent; counted in {@link ErrorFilter.dropped}. */
export type ErrorDropReason = 'caller_fault' | 'cancelled' | 'ignored' | 'rate_limited';

/** The options the filter reads. */
export type ErrorFilterOptions = Pick<
  ResolvedSentryOptions,
  'captureCallerFaults' | 'captureCancellations' | 'ignoreErrors' | 'rateLimit'
>;

/** Past this many fingerprints the oldest window is forgotten: a flood of distinct messages stays bounded. */
const maxFingerprints = 1_000;

/**
 * Noise control for error events: which kinds are sent, the ignore list, and a fixed-window limit per
 * fingerprint. `now` is injectable for tests.
 */
export class ErrorFilter {
  /** Events not sent, by reason. */
  readonly dropped: Record<ErrorDropReason, number> = {
    caller_fault: 0,
    cancelled: 0,
    ignored: 0,
    rate_limited: 0,
  };
  readonly #options: ErrorFilterOptions;
  readonly #now: () => number;
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(options: ErrorFilterOptions, now: () => number = Date.now) {
    this.#options = options;
    this.#now = now;
  }

  /** Whether a failure of this kind is sent at all (checked before the event is built). */
  wants(kind: ErrorKind): boolean {
    if (kind === 'caller_fault' && !this.#options.captureCallerFaults) {
      this.dropped.caller_fault += 1;
      return false;
    }
    if (kind === 'cancelled' && !this.#options.captureCancellations) {
      this.dropped.cancelled += 1;
      return false;
    }
    return true;
  }

  /** Whether the built event passes the ignore list and its fingerprint's rate limit. */
  admits(event: SentryErrorEventJson): boolean {
    if (this.#ignored(event)) {
      this.dropped.ignored += 1;
      return false;
    }
    const limit = this.#options.rateLimit;
    if (limit === false) return true;
    const key = event.fingerprint.join('\u0000');
    const now = this.#now();
    const windowMs = limit.perSeconds * 1000;
    let window = this.#windows.get(key);
    if (window === undefined || now - window.start >= windowMs) {
      this.#windows.delete(key);
      if (this.#windows.size >= maxFingerprints) {
        const oldest = this.#windows.keys().next().value;
        if (oldest !== undefined) this.#windows.delete(oldest);
      }
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    if (window.count >= limit.events) {
      this.dropped.rate_limited += 1;
      return false;
    }
    window.count += 1;
    return true;
  }

  #ignored(event: SentryErrorEventJson): boolean {
    const patterns = this.#options.ignoreErrors;
    if (patterns.length === 0) return false;
    const main = event.exception.values.at(-1);
    const type = main?.type ?? '';
    const message = main?.value ?? '';
    const errorType = event.tags['error.type'] ?? '';
    const text = `${type}: ${message}`;
    return patterns.some((pattern) =>
      typeof pattern === 'string'
        ? errorType.includes(pattern) || type.includes(pattern) || message.includes(pattern)
        : pattern.test(text),
    );
  }
}

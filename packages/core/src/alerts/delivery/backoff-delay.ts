import type { BackoffOptions } from './delivery-options.js';

/**
 * Wait before retry number `retry` (0 for the first retry): `initialMs × multiplier^retry`, spread by
 * ±`jitter` so channels that failed together do not retry together, and capped at `maxMs`.
 *
 * This is the delivery pipeline's one backoff. cockatiel (used for outbound integrations) runs retries
 * inline while the caller waits; delivery instead parks a notification between attempts so the
 * notifier's queue keeps moving, resets budgets on reschedule and pauses a channel on Retry-After, so it
 * only needs this delay function.
 */
export function backoffDelay(retry: number, options: BackoffOptions, random: () => number): number {
  const base = Math.min(options.maxMs, options.initialMs * options.multiplier ** retry);
  const spread = 1 + options.jitter * (2 * random() - 1);
  return Math.round(Math.min(options.maxMs, base * spread));
}

/**
 * Attempts per notifier: up to `burst` back to back, then `ratePerMinute` on average. Time is passed in,
 * so the bucket follows the pipeline's clock.
 */
export class TokenBucket {
  readonly #perMs: number;
  readonly #capacity: number;
  #tokens: number;
  #updatedAt: number;

  constructor(ratePerMinute: number, burst: number, now: number) {
    this.#perMs = ratePerMinute / 60_000;
    this.#capacity = burst;
    this.#tokens = burst;
    this.#updatedAt = now;
  }

  /** Takes a token and returns `now`, or, when none is left, returns the time the next one is due. */
  take(now: number): number {
    if (this.#perMs === Number.POSITIVE_INFINITY) return now;
    this.#tokens = Math.min(this.#capacity, this.#tokens + Math.max(0, now - this.#updatedAt) * this.#perMs);
    this.#updatedAt = now;
    // The epsilon absorbs float error, so a wake-up at the computed time always finds its token.
    if (this.#tokens >= 1 - 1e-9) {
      this.#tokens -= 1;
      return now;
    }
    return Math.ceil(now + (1 - this.#tokens) / this.#perMs - 1e-6);
  }
}

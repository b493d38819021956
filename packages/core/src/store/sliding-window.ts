import { assertRelativeAccuracy, QuantileSketch } from './quantile-sketch.js';

/** Geometry of a {@link SlidingWindow}. */
export interface SlidingWindowOptions {
  /** Width of one bucket, in seconds; > 0. */
  readonly bucketSeconds: number;
  /** How far back queries reach, in seconds; at least `bucketSeconds`. */
  readonly retentionSeconds: number;
  /** Relative accuracy of each bucket's quantile sketch, strictly between 0 and 1. */
  readonly relativeAccuracy: number;
}

/** Sums of the buckets a window query covered. */
export interface SlidingWindowTotals {
  /** Observations in the covered buckets. */
  readonly count: number;
  /** Of which errors. */
  readonly errors: number;
  /** A new sketch holding every covered value (empty when `count` is 0). */
  readonly sketch: QuantileSketch;
}

/** Counts of the buckets a window query covered, without values. */
export interface SlidingWindowCounts {
  /** Observations in the covered buckets. */
  readonly count: number;
  /** Of which errors. */
  readonly errors: number;
}

/** One time slot's data. Recycled when its ring position comes round again. */
class WindowBucket {
  count = 0;
  errors = 0;
  readonly sketch: QuantileSketch;

  constructor(
    /** Absolute slot number: `floor(timeMs / bucketMs)`. */
    public slot: number,
    relativeAccuracy: number,
  ) {
    this.sketch = new QuantileSketch(relativeAccuracy);
  }

  reuse(slot: number): void {
    this.slot = slot;
    this.count = 0;
    this.errors = 0;
    this.sketch.reset();
  }
}

/**
 * A ring of time buckets, indexed by `floor(timeMs / bucketMs) mod slotCount`, each holding a count, an
 * error count and a quantile sketch. Buckets are allocated on first use and reset in place when their
 * position is reused for a newer slot, so recording allocates at most once per bucket width (the sketch's
 * first bins), never per observation.
 */
export class SlidingWindow {
  /** Width of one bucket, in milliseconds. */
  readonly bucketMs: number;
  /**
   * Buckets in the ring: enough whole buckets to cover the retention, plus the current, partial one.
   */
  readonly slotCount: number;
  private readonly relativeAccuracy: number;
  private readonly buckets: (WindowBucket | undefined)[];

  /** @throws RangeError when {@link assertSlidingWindowOptions} does. */
  constructor(options: SlidingWindowOptions) {
    assertSlidingWindowOptions(options);
    const { bucketSeconds, retentionSeconds, relativeAccuracy } = options;
    this.bucketMs = bucketSeconds * 1000;
    this.slotCount = wholeBuckets(retentionSeconds, bucketSeconds) + 1;
    this.relativeAccuracy = relativeAccuracy;
    this.buckets = new Array<WindowBucket | undefined>(this.slotCount).fill(undefined);
  }

  /** Records one observation in the bucket of `nowMs`. */
  record(value: number, isError: boolean, nowMs: number): void {
    const slot = Math.floor(nowMs / this.bucketMs);
    const index = this.indexOf(slot);
    let bucket = this.buckets[index];
    if (bucket === undefined) {
      bucket = new WindowBucket(slot, this.relativeAccuracy);
      this.buckets[index] = bucket;
    } else if (bucket.slot !== slot) {
      // Normally a newer slot; after the clock jumps back by more than the retention it is an older one,
      // and dropping the newer data is the only way to stay bounded.
      bucket.reuse(slot);
    }
    bucket.count += 1;
    if (isError) bucket.errors += 1;
    bucket.sketch.add(value);
  }

  /**
   * Totals over the current bucket and the `ceil(seconds / bucketSeconds)` whole buckets before it, capped
   * at the retention. Buckets from the future (the clock went back) are left out.
   */
  totals(seconds: number, nowMs: number): SlidingWindowTotals {
    const nowSlot = Math.floor(nowMs / this.bucketMs);
    const oldestSlot = nowSlot - this.previousBuckets(seconds);
    const sketch = new QuantileSketch(this.relativeAccuracy);
    let count = 0;
    let errors = 0;
    for (const bucket of this.buckets) {
      if (bucket === undefined || bucket.slot < oldestSlot || bucket.slot > nowSlot) continue;
      count += bucket.count;
      errors += bucket.errors;
      sketch.merge(bucket.sketch);
    }
    return { count, errors, sketch };
  }

  /**
   * Count and errors over the same buckets as {@link SlidingWindow.totals}, without merging sketches: a few
   * additions per bucket and no allocation, for conditions that need no quantile.
   */
  counts(seconds: number, nowMs: number): SlidingWindowCounts {
    const nowSlot = Math.floor(nowMs / this.bucketMs);
    let count = 0;
    let errors = 0;
    // Only the ring positions of the window's slots: a 5-minute window reads 31 buckets, not the ring.
    for (let slot = nowSlot - this.previousBuckets(seconds); slot <= nowSlot; slot += 1) {
      const bucket = this.buckets[this.indexOf(slot)];
      if (bucket === undefined || bucket.slot !== slot) continue;
      count += bucket.count;
      errors += bucket.errors;
    }
    return { count, errors };
  }

  private previousBuckets(seconds: number): number {
    return Math.min(wholeBuckets(seconds, this.bucketMs / 1000), this.slotCount - 1);
  }

  private indexOf(slot: number): number {
    const index = slot % this.slotCount;
    return index < 0 ? index + this.slotCount : index;
  }
}

/**
 * Checks a window geometry up front, so bad options fail when the backend is built.
 * @throws RangeError on a non-positive bucket width, a retention shorter than one bucket or a relative
 * accuracy outside (0, 1).
 */
export function assertSlidingWindowOptions(options: SlidingWindowOptions): void {
  const { bucketSeconds, retentionSeconds, relativeAccuracy } = options;
  if (!(bucketSeconds > 0 && Number.isFinite(bucketSeconds))) {
    throw new RangeError(`[@mcp-o11y/core] bucketSeconds must be a positive number, got ${bucketSeconds}.`);
  }
  if (!(retentionSeconds >= bucketSeconds && Number.isFinite(retentionSeconds))) {
    throw new RangeError(
      `[@mcp-o11y/core] retentionSeconds must be finite and at least bucketSeconds (${bucketSeconds}), got ${retentionSeconds}.`,
    );
  }
  assertRelativeAccuracy(relativeAccuracy);
}

/** `ceil(seconds / bucketSeconds)`, forgiving the float noise of e.g. 0.3 / 0.1. */
function wholeBuckets(seconds: number, bucketSeconds: number): number {
  return Math.max(0, Math.ceil(seconds / bucketSeconds - 1e-9));
}

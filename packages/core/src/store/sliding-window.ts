import { sharedBinAccumulator } from './bin-accumulator.js';
import { BinArena } from './bin-arena.js';
import {
  assertRelativeAccuracy,
  clampSketchValue,
  type LogarithmicMapping,
  logarithmicMapping,
} from './log-mapping.js';

/** Geometry of a {@link SlidingWindow}. */
export interface SlidingWindowOptions {
  /** Width of one bucket, in seconds; > 0. */
  readonly bucketSeconds: number;
  /** How far back queries reach, in seconds; at least `bucketSeconds`. */
  readonly retentionSeconds: number;
  /** Relative accuracy of the quantiles, strictly between 0 and 1. */
  readonly relativeAccuracy: number;
}

/** Counts of the buckets a window query covered, without values. */
export interface SlidingWindowCounts {
  /** Observations in the covered buckets. */
  readonly count: number;
  /** Of which errors. */
  readonly errors: number;
}

/** Counts, extremes and quantiles of the buckets a window query covered. */
export interface SlidingWindowSummary extends SlidingWindowCounts {
  /** Smallest (clamped) value, exact; undefined when `count` is 0. */
  readonly min: number | undefined;
  /** Largest (clamped) value, exact; undefined when `count` is 0. */
  readonly max: number | undefined;
  /**
   * One value per quantile asked for, in the same order, each within the relative accuracy of the exact
   * lower quantile (see `QuantileSketch`) and clamped to [min, max]; empty when `count` is 0.
   */
  readonly quantiles: readonly number[];
}

// Per ring position, in one Float64Array: the absolute slot, count, errors, min and max.
const STRIDE = 5;
const SLOT = 0;
const COUNT = 1;
const ERRORS = 2;
const MIN = 3;
const MAX = 4;

/**
 * A ring of time buckets, indexed by `floor(timeMs / bucketMs) mod slotCount`, each holding a count, an
 * error count, the exact min and max, and sparse log-bucketed bins (DDSketch's logarithmic mapping, see
 * `QuantileSketch`). The scalars live in one typed array per window and the bins in one {@link BinArena},
 * both reset in place when a ring position is reused for a newer slot, so recording allocates only when a
 * bucket meets more distinct keys than any earlier bucket at its position. A window's quantiles add the
 * covered buckets' bins into a shared dense scratch and scan it once: O(keys held + key range), no sketch
 * objects.
 */
export class SlidingWindow {
  /** Width of one bucket, in milliseconds. */
  readonly bucketMs: number;
  /**
   * Buckets in the ring: enough whole buckets to cover the retention, plus the current, partial one.
   */
  readonly slotCount: number;
  private readonly mapping: LogarithmicMapping;
  private readonly scalars: Float64Array;
  private readonly bins: BinArena;

  /** @throws RangeError when {@link assertSlidingWindowOptions} does. */
  constructor(options: SlidingWindowOptions) {
    assertSlidingWindowOptions(options);
    const { bucketSeconds, retentionSeconds, relativeAccuracy } = options;
    this.bucketMs = bucketSeconds * 1000;
    this.slotCount = wholeBuckets(retentionSeconds, bucketSeconds) + 1;
    this.mapping = logarithmicMapping(relativeAccuracy);
    // NaN slots match no slot, so an unused position reads as empty.
    this.scalars = new Float64Array(this.slotCount * STRIDE).fill(Number.NaN);
    this.bins = new BinArena(this.slotCount);
  }

  /** Records one observation in the bucket of `nowMs`. */
  record(value: number, isError: boolean, nowMs: number): void {
    const slot = Math.floor(nowMs / this.bucketMs);
    const index = this.indexOf(slot);
    const scalars = this.scalars;
    const base = index * STRIDE;
    const clamped = clampSketchValue(value);
    if (scalars[base + SLOT] !== slot) {
      // Normally a newer slot; after the clock jumps back by more than the retention it is an older one,
      // and dropping the newer data is the only way to stay bounded.
      scalars[base + SLOT] = slot;
      scalars[base + COUNT] = 0;
      scalars[base + ERRORS] = 0;
      scalars[base + MIN] = clamped;
      scalars[base + MAX] = clamped;
      this.bins.clear(index);
    }
    scalars[base + COUNT]! += 1;
    if (isError) scalars[base + ERRORS]! += 1;
    if (clamped < scalars[base + MIN]!) scalars[base + MIN] = clamped;
    if (clamped > scalars[base + MAX]!) scalars[base + MAX] = clamped;
    this.bins.add(index, this.mapping.key(clamped), 1);
  }

  /**
   * Count, errors, exact min and max and the given quantiles over the current bucket and the
   * `ceil(seconds / bucketSeconds)` whole buckets before it, capped at the retention. Buckets from the
   * future (the clock went back) are left out. Cost: one addition per key held by the covered buckets plus
   * one pass over the covered key range; allocates only the result.
   * @param quantiles - Ascending, each between 0 and 1.
   */
  summarize(seconds: number, nowMs: number, quantiles: readonly number[]): SlidingWindowSummary {
    const nowSlot = Math.floor(nowMs / this.bucketMs);
    const scalars = this.scalars;
    const accumulator = sharedBinAccumulator();
    accumulator.begin(this.mapping.minKey, this.mapping.maxKey);
    let count = 0;
    let errors = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    const oldestSlot = nowSlot - this.previousBuckets(seconds);
    // Walk the ring positions in step with the slots: one modulo per query, not one per bucket.
    let index = this.indexOf(oldestSlot);
    for (let slot = oldestSlot; slot <= nowSlot; slot += 1) {
      const base = index * STRIDE;
      if (scalars[base + SLOT] === slot) {
        count += scalars[base + COUNT]!;
        errors += scalars[base + ERRORS]!;
        min = Math.min(min, scalars[base + MIN]!);
        max = Math.max(max, scalars[base + MAX]!);
        this.bins.addTo(index, accumulator);
      }
      index = index + 1 === this.slotCount ? 0 : index + 1;
    }
    if (count === 0) return { count, errors, min: undefined, max: undefined, quantiles: [] };
    const values = new Array<number>(quantiles.length);
    accumulator.keysAtQuantiles(quantiles, count, values);
    for (let at = 0; at < values.length; at += 1) {
      values[at] = Math.min(Math.max(this.mapping.value(values[at]!), min), max);
    }
    return { count, errors, min, max, quantiles: values };
  }

  /**
   * Count and errors over the same buckets as {@link SlidingWindow.summarize}, without reading bins: a few
   * additions per bucket and no allocation, for conditions that need no quantile.
   */
  counts(seconds: number, nowMs: number): SlidingWindowCounts {
    const nowSlot = Math.floor(nowMs / this.bucketMs);
    const scalars = this.scalars;
    let count = 0;
    let errors = 0;
    // Only the ring positions of the window's slots: a 5-minute window reads 31 buckets, not the ring.
    const oldestSlot = nowSlot - this.previousBuckets(seconds);
    let index = this.indexOf(oldestSlot);
    for (let slot = oldestSlot; slot <= nowSlot; slot += 1) {
      const base = index * STRIDE;
      if (scalars[base + SLOT] === slot) {
        count += scalars[base + COUNT]!;
        errors += scalars[base + ERRORS]!;
      }
      index = index + 1 === this.slotCount ? 0 : index + 1;
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

import type { WindowCounts } from '@mcp-o11y/core';

/** What the view models read of a store series. */
export interface SeriesLike {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  counts(seconds: number): WindowCounts;
}

/** Counts per time step, oldest first; `timestamps` in epoch seconds mark each step's start. */
export interface SteppedCounts {
  readonly stepSeconds: number;
  readonly timestamps: number[];
  /** Seconds each step covered (the newest also covers the running bucket, so it is longer). */
  readonly durations: number[];
  readonly counts: number[];
  readonly errors: number[];
}

/** The step actually used: a whole number of store buckets, at least one. */
export function alignStep(stepSeconds: number, bucketSeconds: number): number {
  return Math.max(1, Math.ceil(stepSeconds / bucketSeconds)) * bucketSeconds;
}

/**
 * Counts per step over the trailing window, from the store's bucket-aligned windows: `counts(k × step)`
 * covers the running bucket plus k whole steps, so consecutive differences isolate each step. The
 * running bucket cannot be isolated that way and is folded into the newest step.
 */
export function steppedCounts(
  series: readonly SeriesLike[],
  windowSeconds: number,
  stepSeconds: number,
  bucketSeconds: number,
  nowMs: number,
): SteppedCounts {
  const step = alignStep(stepSeconds, bucketSeconds);
  const points = Math.max(1, Math.floor(windowSeconds / step));
  const bucketStartMs = Math.floor(nowMs / (bucketSeconds * 1000)) * bucketSeconds * 1000;
  const cumulativeCounts: number[] = [];
  const cumulativeErrors: number[] = [];
  for (let k = 1; k <= points; k += 1) {
    let count = 0;
    let errors = 0;
    for (const one of series) {
      const window = one.counts(k * step);
      count += window.count;
      errors += window.errors;
    }
    cumulativeCounts.push(count);
    cumulativeErrors.push(errors);
  }
  const result: SteppedCounts = { stepSeconds: step, timestamps: [], durations: [], counts: [], errors: [] };
  for (let k = points; k >= 1; k -= 1) {
    const previousCount = k === 1 ? 0 : cumulativeCounts[k - 2]!;
    const previousErrors = k === 1 ? 0 : cumulativeErrors[k - 2]!;
    const startMs = bucketStartMs - k * step * 1000;
    result.timestamps.push(startMs / 1000);
    result.durations.push(k === 1 ? Math.max(step, (nowMs - startMs) / 1000) : step);
    result.counts.push(cumulativeCounts[k - 1]! - previousCount);
    result.errors.push(cumulativeErrors[k - 1]! - previousErrors);
  }
  return result;
}

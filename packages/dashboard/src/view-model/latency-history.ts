import type { WindowStats } from '@mcp-o11y/core';
import { type MergedQuantiles, mergeQuantiles } from './merge-quantiles.js';

/** A series that can answer quantiles. */
export interface QuantileSeriesLike {
  window(seconds: number): WindowStats;
}

/**
 * Latency quantiles over time. The store keeps per-bucket sketches but only answers trailing windows,
 * so past quantiles cannot be recomputed later: this samples the newest bucket pair once per bucket and
 * keeps the samples for the retention. Points before the dashboard started are gaps (null).
 */
export class LatencyHistory {
  private readonly samples = new Map<number, MergedQuantiles>();
  private readonly bucketMs: number;
  private readonly retentionMs: number;

  constructor(bucketSeconds: number, retentionSeconds: number) {
    this.bucketMs = bucketSeconds * 1000;
    this.retentionMs = retentionSeconds * 1000;
  }

  /**
   * Samples now. `window(bucket)` covers the running bucket plus the one before it, and the result is
   * filed under the one before it, the same step the newest point of {@link steppedCounts} is filed under.
   */
  sample(series: readonly QuantileSeriesLike[], nowMs: number): MergedQuantiles {
    const seconds = this.bucketMs / 1000;
    const merged = mergeQuantiles(series.map((one) => one.window(seconds)));
    const key = Math.floor(nowMs / this.bucketMs) * this.bucketMs - this.bucketMs;
    this.samples.set(key, merged);
    for (const old of this.samples.keys()) {
      if (old < nowMs - this.retentionMs - this.bucketMs) this.samples.delete(old);
    }
    return merged;
  }

  /**
   * Quantiles for the step starting at `startMs` and lasting `stepSeconds`: the highest of the samples
   * inside it (a chart of the worst latency per step hides no spike). Null when none was taken.
   */
  at(startMs: number, stepSeconds: number): MergedQuantiles {
    let p50: number | null = null;
    let p95: number | null = null;
    let p99: number | null = null;
    for (let key = startMs; key < startMs + stepSeconds * 1000; key += this.bucketMs) {
      const sample = this.samples.get(key);
      if (sample === undefined) continue;
      p50 = maxOf(p50, sample.p50);
      p95 = maxOf(p95, sample.p95);
      p99 = maxOf(p99, sample.p99);
    }
    return { p50, p95, p99 };
  }
}

function maxOf(current: number | null, next: number | null): number | null {
  if (next === null) return current;
  return current === null ? next : Math.max(current, next);
}

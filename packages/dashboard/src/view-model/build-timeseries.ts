import type { StoredSpan } from '@mcp-o11y/core';
import type { LatencyHistory, QuantileSeriesLike } from './latency-history.js';
import { type SeriesLike, steppedCounts } from './series-buckets.js';

/** `GET /api/timeseries`: one array per line, all aligned on `timestamps`. */
export interface TimeseriesView {
  readonly windowSeconds: number;
  /** The step used: the requested one rounded up to whole store buckets. */
  readonly stepSeconds: number;
  /** Start of each step, epoch seconds, oldest first. */
  readonly timestamps: number[];
  /** Requests per second in each step. */
  readonly throughput: number[];
  /** Failed requests per second in each step. */
  readonly errorRate: number[];
  /** Latency quantiles per step, in seconds; null where no sample exists (before the dashboard started). */
  readonly latency: {
    readonly p50: (number | null)[];
    readonly p95: (number | null)[];
    readonly p99: (number | null)[];
  };
  /** Failed requests per step by `error.type`, from the stored error spans (errors are always kept). */
  readonly errorsByType: Record<string, number[]>;
}

/** Inputs of {@link buildTimeseries}. */
export interface TimeseriesInput {
  readonly series: readonly (SeriesLike & QuantileSeriesLike)[];
  readonly spans: readonly StoredSpan[];
  readonly spanKind: 'server' | 'client';
  readonly history: LatencyHistory;
  readonly windowSeconds: number;
  readonly stepSeconds: number;
  readonly bucketSeconds: number;
  readonly nowMs: number;
}

/** Throughput, errors and latency over time. Pure apart from reading the series and the history. */
export function buildTimeseries(input: TimeseriesInput): TimeseriesView {
  const stepped = steppedCounts(
    input.series,
    input.windowSeconds,
    input.stepSeconds,
    input.bucketSeconds,
    input.nowMs,
  );
  const step = stepped.stepSeconds;
  const latest = input.history.sample(input.series, input.nowMs);
  const latency = {
    p50: [] as (number | null)[],
    p95: [] as (number | null)[],
    p99: [] as (number | null)[],
  };
  stepped.timestamps.forEach((timestamp, index) => {
    const isNewest = index === stepped.timestamps.length - 1;
    const point = isNewest ? latest : input.history.at(timestamp * 1000, step);
    latency.p50.push(point.p50);
    latency.p95.push(point.p95);
    latency.p99.push(point.p99);
  });
  return {
    windowSeconds: stepped.timestamps.length * step,
    stepSeconds: step,
    timestamps: stepped.timestamps,
    throughput: stepped.counts.map((count, index) => round(count / stepped.durations[index]!)),
    errorRate: stepped.errors.map((errors, index) => round(errors / stepped.durations[index]!)),
    latency,
    errorsByType: errorsByType(input.spans, input.spanKind, stepped.timestamps, step),
  };
}

/** Error spans of `kind` counted per step and `error.type` (`error` when the span has none). */
export function errorsByType(
  spans: readonly StoredSpan[],
  kind: 'server' | 'client',
  timestamps: readonly number[],
  stepSeconds: number,
): Record<string, number[]> {
  const result: Record<string, number[]> = {};
  const first = timestamps[0];
  if (first === undefined) return result;
  for (const span of spans) {
    if (span.kind !== kind || span.status !== 'error') continue;
    const endSeconds = (span.startTimeMs + span.durationMs) / 1000;
    const index = Math.min(Math.floor((endSeconds - first) / stepSeconds), timestamps.length - 1);
    if (index < 0) continue;
    const type = String(span.attributes['error.type'] ?? 'error');
    const row = result[type] ?? new Array<number>(timestamps.length).fill(0);
    row[index] = (row[index] ?? 0) + 1;
    result[type] = row;
  }
  return result;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

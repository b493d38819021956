import type { MetricsSnapshot } from '../../store/in-memory-metric-reader.js';

/** One point of a metric at one evaluation: cumulative values as collected. */
export interface MetricSample {
  readonly at: number;
  /** Sum / gauge value; a histogram's count. */
  readonly value: number;
  /** Histograms: measurements and their sum. */
  readonly count: number;
  readonly sum: number;
  /** Explicit-bucket histograms. */
  readonly boundaries?: readonly number[];
  readonly buckets?: readonly number[];
}

/** One attribute set of a metric with its recent samples, oldest first. */
export interface MetricPointHistory {
  readonly labels: Readonly<Record<string, string>>;
  readonly samples: MetricSample[];
  /** Evaluation time it was last seen; points gone from the snapshot are dropped. */
  seenAt: number;
}

/**
 * The engine's own short memory of cumulative metrics, so `increase`, `rate`, `mean` and ratio conditions
 * can look back over a window: one sample per point per evaluation, for the metrics rules name only, kept
 * as long as the longest window needs. Counter resets (a restart of the meter) are treated like Prometheus:
 * a drop starts from zero.
 */
export class MetricHistory {
  private readonly metrics = new Map<string, Map<string, MetricPointHistory>>();

  constructor(private readonly retainMs: number) {}

  /** Records the snapshot's points of the `names` metrics at `now`. */
  record(snapshot: MetricsSnapshot, names: ReadonlySet<string>, now: number): void {
    for (const metric of snapshot.metrics) {
      if (!names.has(metric.name)) continue;
      let points = this.metrics.get(metric.name);
      if (points === undefined) {
        points = new Map();
        this.metrics.set(metric.name, points);
      }
      for (const point of metric.points) {
        const labels: Record<string, string> = {};
        for (const [name, value] of Object.entries(point.attributes))
          labels[name] = typeof value === 'string' ? value : JSON.stringify(value);
        const key = JSON.stringify(
          Object.keys(labels)
            .sort()
            .map((name) => [name, labels[name]]),
        );
        let history = points.get(key);
        if (history === undefined) {
          history = { labels, samples: [], seenAt: now };
          points.set(key, history);
        }
        history.seenAt = now;
        history.samples.push(
          'value' in point
            ? { at: now, value: point.value, count: 0, sum: 0 }
            : {
                at: now,
                value: point.count,
                count: point.count,
                sum: point.sum ?? 0,
                ...('bucketCounts' in point
                  ? { boundaries: point.boundaries, buckets: point.bucketCounts }
                  : {}),
              },
        );
        trim(history.samples, now - this.retainMs);
      }
    }
    for (const points of this.metrics.values()) {
      for (const [key, history] of points) if (history.seenAt !== now) points.delete(key);
    }
  }

  /** The points of a metric (empty when never seen). */
  points(name: string): Iterable<MetricPointHistory> {
    return this.metrics.get(name)?.values() ?? [];
  }
}

/** Keeps the newest sample at or before `cutoff` (the window's baseline) and everything after. */
function trim(samples: MetricSample[], cutoff: number): void {
  let firstKept = 0;
  while (firstKept + 1 < samples.length && samples[firstKept + 1]!.at <= cutoff) firstKept += 1;
  if (firstKept > 0) samples.splice(0, firstKept);
}

/** Growth of a point over the window ending now: latest minus the baseline (the newest sample at or before the window start, else the oldest). */
export function deltaOver(
  history: MetricPointHistory,
  windowMs: number,
  now: number,
): MetricDelta | undefined {
  const { samples } = history;
  const latest = samples[samples.length - 1];
  if (latest === undefined || samples.length < 2) return undefined;
  let baseline = samples[0]!;
  for (const sample of samples) {
    if (sample.at <= now - windowMs) baseline = sample;
    else break;
  }
  if (baseline === latest) return undefined;
  const reset = latest.value < baseline.value || latest.count < baseline.count;
  const from = reset ? { value: 0, count: 0, sum: 0, buckets: undefined } : baseline;
  return {
    value: latest.value - from.value,
    count: latest.count - from.count,
    sum: latest.sum - from.sum,
    boundaries: latest.boundaries,
    buckets:
      latest.buckets === undefined
        ? undefined
        : latest.buckets.map((count, index) => count - (from.buckets?.[index] ?? 0)),
    seconds: (latest.at - baseline.at) / 1000,
  };
}

/** Growth over a window. */
export interface MetricDelta {
  readonly value: number;
  readonly count: number;
  readonly sum: number;
  readonly boundaries: readonly number[] | undefined;
  readonly buckets: readonly number[] | undefined;
  /** Seconds actually covered by the two samples. */
  readonly seconds: number;
}

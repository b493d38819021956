import type { HealthStatusV1 } from '../../spec/health/v1/health-check-v1.js';
import type { WindowCounts, WindowSeries, WindowStats } from '../../store/window-series.js';
import { type CompiledMatcher, matchesAll } from '../routing/label-matchers.js';
import type { MetricHistory } from './metric-history.js';

/** A health check's latest verdict, as the engine reads it. */
export interface HealthCheckReading {
  readonly name: string;
  readonly status: HealthStatusV1;
  readonly message?: string;
}

/**
 * What one evaluation tick reads, built once per tick and shared by every rule: the series indexed by name
 * (and lazily by label value for `=` matchers), window statistics cached per (series, window), the metric
 * history and the health readings. Keeps the tick's cost proportional to series + rules, not their product.
 * Conditions that need no quantile read {@link EvaluationContext.counts}, which sums bucket counters instead
 * of merging sketches (the costly part of a window query).
 */
export class EvaluationContext {
  private readonly byName = new Map<string, WindowSeries[]>();
  private readonly byLabel = new Map<string, Map<string, WindowSeries[]>>();
  private readonly statsCache = new Map<WindowSeries, Map<number, WindowStats>>();
  private readonly countsCache = new Map<WindowSeries, Map<number, WindowCounts>>();

  constructor(
    readonly now: number,
    series: readonly WindowSeries[],
    readonly metrics: MetricHistory,
    readonly health: readonly HealthCheckReading[],
  ) {
    for (const each of series) {
      let list = this.byName.get(each.name);
      if (list === undefined) {
        list = [];
        this.byName.set(each.name, list);
      }
      list.push(each);
    }
  }

  /** Series named `name` whose labels match every matcher. */
  select(name: string, matchers: readonly CompiledMatcher[]): readonly WindowSeries[] {
    const equality = matchers.find((matcher) => matcher.equals !== undefined && matcher.equals !== '');
    const candidates =
      equality === undefined
        ? (this.byName.get(name) ?? [])
        : (this.indexed(name, equality.name).get(equality.equals!) ?? []);
    if (matchers.length === 0 || (matchers.length === 1 && equality !== undefined)) return candidates;
    return candidates.filter((series) => matchesAll(matchers, series.labels));
  }

  /** Window statistics, computed once per (series, seconds) per tick. */
  stats(series: WindowSeries, seconds: number): WindowStats {
    let bySeconds = this.statsCache.get(series);
    if (bySeconds === undefined) {
      bySeconds = new Map();
      this.statsCache.set(series, bySeconds);
    }
    let stats = bySeconds.get(seconds);
    if (stats === undefined) {
      stats = series.window(seconds);
      bySeconds.set(seconds, stats);
    }
    return stats;
  }

  /** Window counts without quantiles, computed once per (series, seconds) per tick. */
  counts(series: WindowSeries, seconds: number): WindowCounts {
    const full = this.statsCache.get(series)?.get(seconds);
    if (full !== undefined) return full;
    let bySeconds = this.countsCache.get(series);
    if (bySeconds === undefined) {
      bySeconds = new Map();
      this.countsCache.set(series, bySeconds);
    }
    let counts = bySeconds.get(seconds);
    if (counts === undefined) {
      counts = series.counts(seconds);
      bySeconds.set(seconds, counts);
    }
    return counts;
  }

  private indexed(name: string, label: string): Map<string, WindowSeries[]> {
    const key = `${name}\u0000${label}`;
    let index = this.byLabel.get(key);
    if (index === undefined) {
      index = new Map();
      for (const series of this.byName.get(name) ?? []) {
        const value = series.labels[label];
        if (value === undefined) continue;
        let list = index.get(value);
        if (list === undefined) {
          list = [];
          index.set(value, list);
        }
        list.push(series);
      }
      this.byLabel.set(key, index);
    }
    return index;
  }
}

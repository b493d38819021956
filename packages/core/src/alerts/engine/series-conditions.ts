import type {
  ConsecutiveFailuresConditionV1,
  ErrorRatioConditionV1,
  LatencyConditionV1,
  ThroughputConditionV1,
} from '../../spec/alerts/v1/alert-condition-v1.js';
import { compileMatchers } from '../routing/label-matchers.js';
import { type ConditionEvaluator, type ConditionSample, compare } from './condition-sample.js';
import { parseDuration } from './parse-duration.js';
import type { WindowReader } from './series-index.js';

const DEFAULT_SERIES = 'mcp.server.operation';

type WindowedCondition = ErrorRatioConditionV1 | LatencyConditionV1 | ThroughputConditionV1;

/**
 * Compiles a window-series condition: one sample per matching series whose statistic crosses the threshold.
 * Series with no observation ever are skipped (a quantile or ratio of nothing is not an alert). A pair that
 * does not cross allocates nothing: the loop reads typed arrays of this tick's counts by series id.
 */
export function compileSeriesCondition(condition: WindowedCondition): ConditionEvaluator {
  const name = condition.series ?? DEFAULT_SERIES;
  const matchers = compileMatchers(condition.matchers);
  const seconds = parseDuration(condition.window ?? '5m') / 1000;
  const measure = measureOf(condition);
  const { op, threshold } = condition;
  const skipsSilent = condition.kind !== 'throughput';
  return (context) => {
    const samples: ConditionSample[] = [];
    const index = context.series;
    const ids = index.select(name, matchers);
    const reader = index.window(seconds);
    for (let at = 0; at < ids.length; at += 1) {
      const id = ids[at]!;
      const series = index.at(id);
      if (skipsSilent && series.lastObservedMs === undefined) continue;
      const value = measure(reader, id);
      if (value !== undefined && compare(value, op, threshold)) {
        samples.push({ labels: series.labels, value, threshold });
      }
    }
    return samples;
  };
}

type Measure = (reader: WindowReader, id: number) => number | undefined;

// Only a quantile needs the merged sketch; ratios and rates read the cheap bucket counters.
function measureOf(condition: WindowedCondition): Measure {
  switch (condition.kind) {
    case 'error_ratio': {
      const minCount = condition.minCount ?? 10;
      return (reader, id) => {
        const count = reader.count(id);
        // errors / count is the store's errorRatio for count > 0.
        return count >= minCount && count > 0 ? reader.errorCount(id) / count : undefined;
      };
    }
    case 'latency': {
      const minCount = condition.minCount ?? 20;
      const quantile = condition.quantile;
      return (reader, id) => reader.statsIfAtLeast(id, minCount)?.[quantile];
    }
    case 'throughput':
      return (reader, id) => reader.count(id) / reader.seconds;
  }
}

/** Compiles `consecutive_failures`: reads the series' failure streak, no window. */
export function compileConsecutiveFailures(condition: ConsecutiveFailuresConditionV1): ConditionEvaluator {
  const name = condition.series ?? DEFAULT_SERIES;
  const matchers = compileMatchers(condition.matchers);
  const threshold = condition.threshold;
  return (context) => {
    const samples: ConditionSample[] = [];
    const index = context.series;
    const ids = index.select(name, matchers);
    for (let at = 0; at < ids.length; at += 1) {
      const series = index.at(ids[at]!);
      const streak = series.consecutiveFailures;
      if (streak >= threshold) samples.push({ labels: series.labels, value: streak, threshold });
    }
    return samples;
  };
}

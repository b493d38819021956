import type {
  ConsecutiveFailuresConditionV1,
  ErrorRatioConditionV1,
  LatencyConditionV1,
  ThroughputConditionV1,
} from '../../spec/alerts/v1/alert-condition-v1.js';
import type { WindowCounts, WindowSeries } from '../../store/window-series.js';
import { compileMatchers } from '../routing/label-matchers.js';
import { type ConditionEvaluator, type ConditionSample, compare } from './condition-sample.js';
import type { EvaluationContext } from './evaluation-context.js';
import { parseDuration } from './parse-duration.js';

const DEFAULT_SERIES = 'mcp.server.operation';

type WindowedCondition = ErrorRatioConditionV1 | LatencyConditionV1 | ThroughputConditionV1;

/**
 * Compiles a window-series condition: one sample per matching series whose statistic crosses the threshold.
 * Series with no observation ever are skipped (a quantile or ratio of nothing is not an alert).
 */
export function compileSeriesCondition(condition: WindowedCondition): ConditionEvaluator {
  const name = condition.series ?? DEFAULT_SERIES;
  const matchers = compileMatchers(condition.matchers);
  const seconds = parseDuration(condition.window ?? '5m') / 1000;
  const measure = measureOf(condition);
  return (context) => {
    const samples: ConditionSample[] = [];
    for (const series of context.select(name, matchers)) {
      if (series.lastObservedMs === undefined && condition.kind !== 'throughput') continue;
      const value = measure(context, series, seconds);
      if (value !== undefined && compare(value, condition.op, condition.threshold)) {
        samples.push({ labels: series.labels, value, threshold: condition.threshold });
      }
    }
    return samples;
  };
}

type Measure = (context: EvaluationContext, series: WindowSeries, seconds: number) => number | undefined;

// Only a quantile needs the merged sketch; ratios and rates read the cheap bucket counters.
function measureOf(condition: WindowedCondition): Measure {
  switch (condition.kind) {
    case 'error_ratio': {
      const minCount = condition.minCount ?? 10;
      return fromCounts((counts) =>
        counts.count >= minCount && counts.count > 0 ? counts.errorRatio : undefined,
      );
    }
    case 'latency': {
      const minCount = condition.minCount ?? 20;
      const quantile = condition.quantile;
      return (context, series, seconds) => {
        const counts = context.counts(series, seconds);
        if (counts.count < minCount || counts.count === 0) return undefined;
        return context.stats(series, seconds)[quantile];
      };
    }
    case 'throughput':
      return fromCounts((counts) => counts.ratePerSecond);
  }
}

function fromCounts(read: (counts: WindowCounts) => number | undefined): Measure {
  return (context, series, seconds) => read(context.counts(series, seconds));
}

/** Compiles `consecutive_failures`: reads the series' failure streak, no window. */
export function compileConsecutiveFailures(condition: ConsecutiveFailuresConditionV1): ConditionEvaluator {
  const name = condition.series ?? DEFAULT_SERIES;
  const matchers = compileMatchers(condition.matchers);
  return (context) => {
    const samples: ConditionSample[] = [];
    for (const series of context.select(name, matchers)) {
      const streak = series.consecutiveFailures;
      if (streak >= condition.threshold)
        samples.push({ labels: series.labels, value: streak, threshold: condition.threshold });
    }
    return samples;
  };
}

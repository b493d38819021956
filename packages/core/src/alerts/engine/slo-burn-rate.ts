import type { BurnRateWindowV1, SloBurnRateConditionV1 } from '../../spec/alerts/v1/alert-condition-v1.js';
import type { SloV1 } from '../../spec/alerts/v1/slo-v1.js';
import { compileMatchers, matchesAll } from '../routing/label-matchers.js';
import type { ConditionEvaluator } from './condition-sample.js';
import type { EvaluationContext } from './evaluation-context.js';
import { DURATION_HISTOGRAM_OF } from './known-signals.js';
import { deltaOver } from './metric-history.js';
import { parseDuration } from './parse-duration.js';

/**
 * Default pairs, the SRE workbook's scaled to the 15-minute in-memory retention: the workbook's page pair
 * 1 h / 5 min at 14.4× becomes 15 min / 75 s (short = long / 12, as in the workbook), and its 6 h / 30 min
 * at 6× pair, which cannot fit, becomes 15 min / 5 min at 6×. Fast burns only; see `SloV1`.
 */
export const DEFAULT_BURN_RATE_WINDOWS: readonly BurnRateWindowV1[] = [
  { long: '15m', short: '75s', factor: 14.4 },
  { long: '15m', short: '5m', factor: 6 },
];

interface BadRatio {
  readonly bad: number;
  readonly total: number;
}

/**
 * Compiles an SLO burn-rate condition. It holds when, for any pair, the budget burns at least `factor`
 * times too fast over both the long and the short window; the value is that pair's long-window burn rate.
 * One alert per SLO (labelled `slo`).
 */
export function compileSloBurnRate(condition: SloBurnRateConditionV1, slo: SloV1): ConditionEvaluator {
  const pairs = (condition.windows ?? DEFAULT_BURN_RATE_WINDOWS).map((pair) => ({
    longMs: parseDuration(pair.long),
    shortMs: parseDuration(pair.short),
    factor: pair.factor,
  }));
  const minCount = condition.minCount ?? 20;
  const budget = 1 - slo.objective.target;
  const ratio = badRatioReader(slo);
  return (context) => {
    let burning: number | undefined;
    let factor = 0;
    for (const pair of pairs) {
      const long = ratio(context, pair.longMs);
      if (long.total < minCount || long.total === 0) continue;
      const short = ratio(context, pair.shortMs);
      const longBurn = long.bad / long.total / budget;
      const shortBurn = short.total === 0 ? 0 : short.bad / short.total / budget;
      if (
        longBurn >= pair.factor &&
        shortBurn >= pair.factor &&
        (burning === undefined || longBurn > burning)
      ) {
        burning = longBurn;
        factor = pair.factor;
      }
    }
    return burning === undefined ? [] : [{ labels: { slo: slo.name }, value: burning, threshold: factor }];
  };
}

/** The metric an SLO reads, when it reads one (latency objectives read the duration histogram). */
export function sloMetric(slo: SloV1): string | undefined {
  return slo.objective.kind === 'latency'
    ? DURATION_HISTOGRAM_OF[slo.series ?? 'mcp.server.operation']
    : undefined;
}

function badRatioReader(slo: SloV1): (context: EvaluationContext, windowMs: number) => BadRatio {
  const series = slo.series ?? 'mcp.server.operation';
  const matchers = compileMatchers(slo.matchers);
  const objective = slo.objective;
  if (objective.kind === 'availability') {
    return (context, windowMs) => {
      let bad = 0;
      let total = 0;
      const ids = context.series.select(series, matchers);
      const reader = context.series.window(windowMs / 1000);
      for (let at = 0; at < ids.length; at += 1) {
        const id = ids[at]!;
        // A series never observed reads 0 without a store call.
        total += reader.count(id);
        bad += reader.errorCount(id);
      }
      return { bad, total };
    };
  }
  const metric = DURATION_HISTOGRAM_OF[series];
  return (context, windowMs) => {
    let good = 0;
    let total = 0;
    for (const point of context.metrics.points(metric)) {
      if (!matchesAll(matchers, point.labels)) continue;
      const delta = deltaOver(point, windowMs, context.now);
      if (delta?.buckets === undefined || delta.boundaries === undefined) continue;
      total += delta.count;
      delta.boundaries.forEach((bound, index) => {
        if (bound <= objective.thresholdSeconds) good += delta.buckets![index] ?? 0;
      });
    }
    return { bad: total - good, total };
  };
}

import type {
  CircuitBreakerOpenConditionV1,
  InFlightConditionV1,
  MetricConditionV1,
  MetricRatioConditionV1,
} from '../../spec/alerts/v1/alert-condition-v1.js';
import { type CompiledMatcher, compileMatchers, matchesAll } from '../routing/label-matchers.js';
import { type ConditionEvaluator, type ConditionSample, compare } from './condition-sample.js';
import type { EvaluationContext } from './evaluation-context.js';
import { deltaOver } from './metric-history.js';
import { parseDuration } from './parse-duration.js';

interface Aggregate {
  labels: Record<string, string>;
  value: number;
  count: number;
  seconds: number;
}

/** Sums point values per `by` group (or keeps each point when `by` is undefined). */
function aggregate(
  context: EvaluationContext,
  metric: string,
  matchers: readonly CompiledMatcher[],
  by: readonly string[] | undefined,
  read: (
    history: Parameters<typeof deltaOver>[0],
  ) => { value: number; count: number; seconds: number } | undefined,
): Map<string, Aggregate> {
  const groups = new Map<string, Aggregate>();
  for (const point of context.metrics.points(metric)) {
    if (!matchesAll(matchers, point.labels)) continue;
    const reading = read(point);
    if (reading === undefined) continue;
    const labels = by === undefined ? { ...point.labels } : pick(point.labels, by);
    const key = JSON.stringify(Object.entries(labels).sort());
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { labels, ...reading });
    else {
      group.value += reading.value;
      group.count += reading.count;
      group.seconds = Math.max(group.seconds, reading.seconds);
    }
  }
  return groups;
}

function pick(labels: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) if (labels[name] !== undefined) picked[name] = labels[name];
  return picked;
}

/** Compiles `metric`: last value, increase, rate or histogram mean per point or `by` group. */
export function compileMetricCondition(condition: MetricConditionV1): ConditionEvaluator {
  const matchers = compileMatchers(condition.matchers);
  const windowMs = parseDuration(condition.window ?? '5m');
  const mode = condition.aggregate ?? 'last';
  const minCount = condition.minCount ?? 1;
  return (context) => {
    const groups = aggregate(context, condition.metric, matchers, condition.by, (point) => {
      if (mode === 'last') {
        const latest = point.samples[point.samples.length - 1];
        return latest === undefined ? undefined : { value: latest.value, count: 1, seconds: 0 };
      }
      const delta = deltaOver(point, windowMs, context.now);
      if (delta === undefined) return undefined;
      return mode === 'mean'
        ? { value: delta.sum, count: delta.count, seconds: delta.seconds }
        : { value: delta.value, count: delta.value, seconds: delta.seconds };
    });
    const samples: ConditionSample[] = [];
    for (const group of groups.values()) {
      let value = group.value;
      if (mode === 'mean') {
        if (group.count < minCount || group.count === 0) continue;
        value = group.value / group.count;
      } else if (mode === 'rate') {
        if (group.seconds === 0) continue;
        value = group.value / group.seconds;
      }
      if (compare(value, condition.op, condition.threshold))
        samples.push({ labels: group.labels, value, threshold: condition.threshold });
    }
    return samples;
  };
}

/** Compiles `metric_ratio`: increase of the numerator over increase of the denominator, per `by` group. */
export function compileMetricRatio(condition: MetricRatioConditionV1): ConditionEvaluator {
  const numeratorMatchers = compileMatchers(condition.numerator.matchers);
  const denominatorMatchers = compileMatchers(condition.denominator.matchers);
  const windowMs = parseDuration(condition.window ?? '5m');
  const minCount = condition.minCount ?? 10;
  const by = condition.by ?? [];
  return (context) => {
    const increase = (point: Parameters<typeof deltaOver>[0]) => {
      const delta = deltaOver(point, windowMs, context.now);
      return delta === undefined
        ? undefined
        : { value: delta.value, count: delta.value, seconds: delta.seconds };
    };
    const numerators = aggregate(context, condition.numerator.metric, numeratorMatchers, by, increase);
    const denominators = aggregate(context, condition.denominator.metric, denominatorMatchers, by, increase);
    const samples: ConditionSample[] = [];
    for (const [key, denominator] of denominators) {
      if (denominator.value < minCount || denominator.value <= 0) continue;
      const value = (numerators.get(key)?.value ?? 0) / denominator.value;
      if (compare(value, condition.op, condition.threshold))
        samples.push({ labels: denominator.labels, value, threshold: condition.threshold });
    }
    return samples;
  };
}

/** `in_flight` is a `metric` rule on `mcp_o11y.requests.active`, summed. */
export function compileInFlight(condition: InFlightConditionV1): ConditionEvaluator {
  return compileMetricCondition({
    kind: 'metric',
    metric: 'mcp_o11y.requests.active',
    ...(condition.matchers === undefined ? {} : { matchers: condition.matchers }),
    by: condition.by ?? [],
    threshold: condition.threshold,
  });
}

/** `circuit_breaker_open` is a `metric` rule on the breaker state gauge (2 open, 1 half-open), per breaker. */
export function compileCircuitBreakerOpen(condition: CircuitBreakerOpenConditionV1): ConditionEvaluator {
  return compileMetricCondition({
    kind: 'metric',
    metric: 'mcp_o11y.circuit_breaker.state',
    ...(condition.matchers === undefined ? {} : { matchers: condition.matchers }),
    op: '>=',
    threshold: condition.includeHalfOpen === true ? 1 : 2,
  });
}

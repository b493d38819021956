import type { AlertRuleV1 } from '../../spec/alerts/v1/alert-rule-v1.js';
import type { SloV1 } from '../../spec/alerts/v1/slo-v1.js';
import type { ConditionEvaluator, ConditionSample } from './condition-sample.js';
import {
  compileCircuitBreakerOpen,
  compileInFlight,
  compileMetricCondition,
  compileMetricRatio,
} from './metric-conditions.js';
import { parseDuration } from './parse-duration.js';
import { compileConsecutiveFailures, compileSeriesCondition } from './series-conditions.js';
import { compileSloBurnRate, sloMetric } from './slo-burn-rate.js';

/** A rule ready to evaluate. */
export interface CompiledRule {
  readonly rule: AlertRuleV1;
  readonly forMs: number;
  readonly keepFiringForMs: number;
  /** The window the rule looks at, for templates (`{{window}}`). */
  readonly window: string | undefined;
  /** Metrics the rule reads from `metricsSnapshot()`, sampled into the engine's history. */
  readonly metrics: readonly string[];
  /** Longest look-back the metric history must keep for it, ms. */
  readonly historyMs: number;
  readonly evaluate: ConditionEvaluator;
}

const HEALTH_RANK = { pass: 0, warn: 1, fail: 2 } as const;

/**
 * Compiles a validated rule. @throws Error naming the rule when it refers to an SLO that is not declared
 * (`parseRules` reports that earlier for rules from files).
 */
export function compileRule(rule: AlertRuleV1, slos: ReadonlyMap<string, SloV1>): CompiledRule {
  const condition = rule.condition;
  const base = {
    rule,
    forMs: parseDuration(rule.for ?? '0s'),
    keepFiringForMs: parseDuration(rule.keepFiringFor ?? '0s'),
    window: 'window' in condition ? (condition.window ?? '5m') : undefined,
  };
  const windowMs = base.window === undefined ? 0 : parseDuration(base.window);
  switch (condition.kind) {
    case 'error_ratio':
    case 'latency':
    case 'throughput':
      return { ...base, metrics: [], historyMs: 0, evaluate: compileSeriesCondition(condition) };
    case 'consecutive_failures':
      return { ...base, metrics: [], historyMs: 0, evaluate: compileConsecutiveFailures(condition) };
    case 'metric':
      return {
        ...base,
        metrics: [condition.metric],
        historyMs: windowMs,
        evaluate: compileMetricCondition(condition),
      };
    case 'metric_ratio':
      return {
        ...base,
        metrics: [condition.numerator.metric, condition.denominator.metric],
        historyMs: windowMs,
        evaluate: compileMetricRatio(condition),
      };
    case 'in_flight':
      return {
        ...base,
        metrics: ['mcp_o11y.requests.active'],
        historyMs: 0,
        evaluate: compileInFlight(condition),
      };
    case 'circuit_breaker_open':
      return {
        ...base,
        metrics: ['mcp_o11y.circuit_breaker.state'],
        historyMs: 0,
        evaluate: compileCircuitBreakerOpen(condition),
      };
    case 'health_check_status': {
      const least = HEALTH_RANK[condition.status ?? 'fail'];
      const evaluate: ConditionEvaluator = (context) =>
        context.health
          .filter(
            (reading) =>
              (condition.check === undefined || reading.name === condition.check) &&
              HEALTH_RANK[reading.status] >= least,
          )
          .map((reading): ConditionSample => ({ labels: { check: reading.name } }));
      return { ...base, metrics: [], historyMs: 0, evaluate };
    }
    case 'slo_burn_rate': {
      const slo = slos.get(condition.slo);
      if (slo === undefined) {
        throw new Error(
          `[@mcp-o11y/core] alert rule ${rule.name} refers to SLO ${JSON.stringify(condition.slo)}, which is not declared; add it to slos.`,
        );
      }
      const metric = sloMetric(slo);
      const longest = Math.max(
        ...(condition.windows ?? [{ long: '15m' }]).map((pair) => parseDuration(pair.long)),
      );
      return {
        ...base,
        metrics: metric === undefined ? [] : [metric],
        historyMs: longest,
        evaluate: compileSloBurnRate(condition, slo),
      };
    }
  }
}

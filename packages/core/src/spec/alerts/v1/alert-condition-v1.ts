import type { ComparisonV1 } from './comparison-v1.js';
import type { DurationV1 } from './duration-v1.js';
import type { LabelMatcherV1 } from './label-matcher-v1.js';

/**
 * Window series an alert condition can read from the in-memory backend: the MCP server and client
 * operations (labelled `mcp.method.name` and `gen_ai.tool.name` / `gen_ai.prompt.name` / ...), outbound
 * integrations (labelled `integration.name`, `operation`), and the sizes of successful results a server sent
 * (`mcp_o11y.result.size`, labelled like the operations; its values are bytes, not seconds).
 */
export type AlertSeriesNameV1 =
  | 'mcp.server.operation'
  | 'mcp.client.operation'
  | 'mcp_o11y.integration'
  | 'mcp_o11y.result.size';

/** Fields shared by the conditions over window series. One alert per matching series (label set). */
export interface SeriesConditionBaseV1 {
  /** Which series to read. Default `mcp.server.operation`. */
  readonly series?: AlertSeriesNameV1;
  /** Only series whose labels match every matcher (per tool, method, integration, ...). Default: all. */
  readonly matchers?: readonly LabelMatcherV1[];
  /** The trailing window; at most the in-memory retention (15 min by default). Default `'5m'`. */
  readonly window?: DurationV1;
}

/** Failed share of requests in the window (0–1), e.g. `{ kind: 'error_ratio', threshold: 0.05 }`. */
export interface ErrorRatioConditionV1 extends SeriesConditionBaseV1 {
  /** Discriminator: `error_ratio`. */
  readonly kind: 'error_ratio';
  /** Default `'>'`. */
  readonly op?: ComparisonV1;
  /** A ratio, 0–1. */
  readonly threshold: number;
  /** Minimum-traffic guard: fewer requests in the window never fire. Default 10. */
  readonly minCount?: number;
}

/** A latency quantile of the window, in seconds, e.g. p95 above 0.5 (on `mcp_o11y.result.size`: a size quantile, in bytes). */
export interface LatencyConditionV1 extends SeriesConditionBaseV1 {
  /** Discriminator: `latency`. */
  readonly kind: 'latency';
  /** Which quantile. */
  readonly quantile: 'p50' | 'p95' | 'p99';
  /** Default `'>'`. */
  readonly op?: ComparisonV1;
  /** Seconds; bytes on the `mcp_o11y.result.size` series. */
  readonly threshold: number;
  /** Minimum-traffic guard: a quantile of fewer observations is noise. Default 20. */
  readonly minCount?: number;
}

/** Requests per second over the window (e.g. `op: '<'` to catch traffic dropping to nothing). */
export interface ThroughputConditionV1 extends SeriesConditionBaseV1 {
  /** Discriminator: `throughput`. */
  readonly kind: 'throughput';
  /** Default `'>'`. */
  readonly op?: ComparisonV1;
  /** Requests per second. */
  readonly threshold: number;
}

/** Errors in a row since the series' last success, whatever the window. */
export interface ConsecutiveFailuresConditionV1 extends Omit<SeriesConditionBaseV1, 'window'> {
  /** Discriminator: `consecutive_failures`. */
  readonly kind: 'consecutive_failures';
  /** Fires when the count is at least this. */
  readonly threshold: number;
}

/**
 * Any metric of the in-memory backend's `metricsSnapshot()` (a counter, up-down counter, gauge or
 * histogram, including process metrics and your own). One alert per matching point (attribute set), or
 * per group of `by` labels when `by` is given (values summed).
 */
export interface MetricConditionV1 {
  /** Discriminator: `metric`. */
  readonly kind: 'metric';
  /** Instrument name, e.g. `process.cpu.utilization`. */
  readonly metric: string;
  /** Only points whose attributes match every matcher. Default: all. */
  readonly matchers?: readonly LabelMatcherV1[];
  /**
   * `last`: the current value (gauge, up-down counter; a histogram's count); `increase`: growth over the
   * window (counter, histogram count); `rate`: `increase` per second; `mean`: a histogram's average over
   * the window (Δsum / Δcount). Window aggregates are computed from the engine's own samples of the
   * cumulative values, taken once per evaluation. Default `last`.
   */
  readonly aggregate?: 'last' | 'increase' | 'rate' | 'mean';
  /** Window of `increase`, `rate` and `mean`. Default `'5m'`. */
  readonly window?: DurationV1;
  /** Sum the points per combination of these attributes; `[]` sums everything into one alert. */
  readonly by?: readonly string[];
  /** Default `'>'`. */
  readonly op?: ComparisonV1;
  /** In the metric's unit (after aggregation). */
  readonly threshold: number;
  /** For `mean`: fewer new measurements in the window never fire. Default 1. */
  readonly minCount?: number;
}

/** One side of a {@link MetricRatioConditionV1}: the increase of a counter or of a histogram's count. */
export interface MetricSelectorV1 {
  /** Instrument name. */
  readonly metric: string;
  /** Only points whose attributes match. Default: all. */
  readonly matchers?: readonly LabelMatcherV1[];
}

/**
 * `increase(numerator) / increase(denominator)` over the window, summed per `by` group; e.g. the share of
 * auth attempts that fail (`mcp_o11y.auth.attempts{outcome="failure"}` over `mcp_o11y.auth.attempts`).
 */
export interface MetricRatioConditionV1 {
  /** Discriminator: `metric_ratio`. */
  readonly kind: 'metric_ratio';
  /** What is counted as bad, e.g. auth errors. */
  readonly numerator: MetricSelectorV1;
  /** What it is a share of, e.g. all requests. */
  readonly denominator: MetricSelectorV1;
  /** Default `'5m'`. */
  readonly window?: DurationV1;
  /** Group both sides by these attributes. Default `[]` (one alert). */
  readonly by?: readonly string[];
  /** Default `'>'`. */
  readonly op?: ComparisonV1;
  /** A ratio, 0–1. */
  readonly threshold: number;
  /** Minimum-traffic guard on the denominator's increase. Default 10. */
  readonly minCount?: number;
}

/** Requests in flight (`mcp_o11y.requests.active`), summed over `by` (default: all of them). */
export interface InFlightConditionV1 {
  /** Discriminator: `in_flight`. */
  readonly kind: 'in_flight';
  /** Only points whose attributes match. */
  readonly matchers?: readonly LabelMatcherV1[];
  /** Default `[]`: the process total. */
  readonly by?: readonly string[];
  /** Fires when the count is above this. */
  readonly threshold: number;
}

/** An outbound integration's circuit breaker is open (`mcp_o11y.circuit_breaker.state` = 2). One alert per breaker. */
export interface CircuitBreakerOpenConditionV1 {
  /** Discriminator: `circuit_breaker_open`. */
  readonly kind: 'circuit_breaker_open';
  /** e.g. `integration.name="weather-api"`. Default: every breaker. */
  readonly matchers?: readonly LabelMatcherV1[];
  /** Also fire while half-open. Default false. */
  readonly includeHalfOpen?: boolean;
}

/** A health check reports `fail` (or, with `status: 'warn'`, `warn` or worse). One alert per check (label `check`). */
export interface HealthCheckStatusConditionV1 {
  /** Discriminator: `health_check_status`. */
  readonly kind: 'health_check_status';
  /** Only this check; default: every check. */
  readonly check?: string;
  /** The least severe status that fires. Default `'fail'`. */
  readonly status?: 'warn' | 'fail';
}

/**
 * Multi-window, multi-burn-rate alert on a declared SLO (SRE workbook, ch. 5): fires when the error budget
 * burns faster than `factor` in both the long and the short window of any pair.
 */
export interface SloBurnRateConditionV1 {
  /** Discriminator: `slo_burn_rate`. */
  readonly kind: 'slo_burn_rate';
  /** The `name` of an `SloV1`. */
  readonly slo: string;
  /**
   * Window pairs. Default (scaled to the 15-minute in-memory retention, see `SloV1`):
   * `[{ long: '15m', short: '75s', factor: 14.4 }, { long: '15m', short: '5m', factor: 6 }]`.
   */
  readonly windows?: readonly BurnRateWindowV1[];
  /** Minimum-traffic guard on the long window. Default 20 requests. */
  readonly minCount?: number;
}

/** One (long, short) pair of a burn-rate alert. */
export interface BurnRateWindowV1 {
  /** The long window; at most the in-memory retention. */
  readonly long: DurationV1;
  /** The short window (workbook: long / 12), which makes the alert reset quickly once the burn stops. */
  readonly short: DurationV1;
  /** Burn-rate factor: 1 spends exactly the budget over the SLO period. */
  readonly factor: number;
}

/** What a rule watches. Discriminated by `kind`. */
export type AlertConditionV1 =
  | ErrorRatioConditionV1
  | LatencyConditionV1
  | ThroughputConditionV1
  | ConsecutiveFailuresConditionV1
  | MetricConditionV1
  | MetricRatioConditionV1
  | InFlightConditionV1
  | CircuitBreakerOpenConditionV1
  | HealthCheckStatusConditionV1
  | SloBurnRateConditionV1;

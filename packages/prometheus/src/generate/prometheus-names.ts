import type { LabelMatcherV1 } from '@mcp-o11y/core';
import { prometheusLabelName, prometheusMetricName } from '../convert-to-prometheus-name.js';

export { prometheusLabelName };

/** How an instrument is exposed to Prometheus, which decides the suffixes and the PromQL around it. */
export type PrometheusMetricKind = 'counter' | 'gauge' | 'histogram';

/** One metric of the catalogue, in OpenTelemetry and in Prometheus form. */
export interface CatalogueMetric {
  /** The OpenTelemetry instrument name, e.g. `mcp.server.operation.duration`. */
  readonly name: string;
  /** The OpenTelemetry unit (`s`, `By`, `1`, `{error}`). */
  readonly unit: string;
  /** The Prometheus type (up-down counters are gauges). */
  readonly kind: PrometheusMetricKind;
}

const catalogue = (
  kind: PrometheusMetricKind,
  unit: string,
  ...names: string[]
): [string, CatalogueMetric][] => names.map((name) => [name, { name, unit, kind }]);

/**
 * The metrics core records, with the unit and instrument kind that decide their Prometheus names. Kept in
 * step with core's instruments (`packages/core/src/mcp/mcp-telemetry.ts`, `integration-instruments.ts`,
 * `security/security-telemetry.ts`, `runtime/start-runtime-metrics.ts`).
 */
export const METRIC_CATALOGUE: ReadonlyMap<string, CatalogueMetric> = new Map([
  ...catalogue(
    'histogram',
    's',
    'mcp.server.operation.duration',
    'mcp.client.operation.duration',
    'mcp.server.session.duration',
    'mcp.client.session.duration',
    'mcp_o11y.integration.duration',
    'v8js.gc.duration',
  ),
  ...catalogue('histogram', 'By', 'mcp_o11y.result.size'),
  ...catalogue('histogram', '{token}', 'mcp_o11y.result.tokens'),
  ...catalogue('counter', '{request}', 'mcp_o11y.usage.requests'),
  ...catalogue('counter', '{error}', 'mcp_o11y.errors', 'mcp_o11y.integration.errors'),
  ...catalogue('counter', '{notification}', 'mcp_o11y.notifications'),
  ...catalogue('counter', '{retry}', 'mcp_o11y.integration.retries'),
  ...catalogue('counter', '{call}', 'mcp_o11y.integration.retry_successes'),
  ...catalogue('counter', '{transition}', 'mcp_o11y.circuit_breaker.transitions'),
  ...catalogue('counter', '{attempt}', 'mcp_o11y.auth.attempts'),
  ...catalogue('counter', '{request}', 'mcp_o11y.http.rejections'),
  ...catalogue('counter', 's', 'process.cpu.time', 'nodejs.eventloop.time'),
  ...catalogue('gauge', '{request}', 'mcp_o11y.requests.active'),
  ...catalogue('gauge', '{state}', 'mcp_o11y.circuit_breaker.state'),
  ...catalogue('gauge', '1', 'process.cpu.utilization', 'nodejs.eventloop.utilization'),
  ...catalogue(
    'gauge',
    'By',
    'process.memory.usage',
    'v8js.memory.heap.used',
    'v8js.memory.heap.space.size',
    'mcp_o11y.nodejs.memory.external',
  ),
  ...catalogue(
    'gauge',
    's',
    ...['min', 'max', 'mean', 'stddev', 'p50', 'p90', 'p99'].map((stat) => `nodejs.eventloop.delay.${stat}`),
  ),
]);

/**
 * The Prometheus base name of a catalogue metric, by the same translation the metric reader applies
 * (`../convert-to-prometheus-name.ts`), so generated queries name exactly the exposed series.
 * Histograms add `_bucket` / `_sum` / `_count` to this base.
 */
export function catalogueMetricName(metric: CatalogueMetric): string {
  return prometheusMetricName(metric.name, metric.unit, metric.kind);
}

/**
 * The catalogue entry of `name`; an unknown (custom) metric is assumed to be a unitless gauge, so pass
 * its Prometheus name through `customMetrics` when it is not.
 */
export function catalogueMetric(
  name: string,
  custom?: ReadonlyMap<string, CatalogueMetric>,
): CatalogueMetric {
  return custom?.get(name) ?? METRIC_CATALOGUE.get(name) ?? { name, unit: '', kind: 'gauge' };
}

/** A PromQL / Alertmanager double-quoted string literal. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** One matcher in PromQL form, label name translated: `gen_ai_tool_name="search"`. */
export function promMatcher(matcher: LabelMatcherV1): string {
  return `${prometheusLabelName(matcher.name)}${matcher.operator}${quote(matcher.value)}`;
}

/** A selector body (without braces) joining extra matchers: `a="1",b=~"x|y"`. */
export function selectorBody(...parts: readonly (string | undefined)[]): string {
  return parts.filter((part): part is string => part !== undefined && part !== '').join(',');
}

/** `name{body}`, or `name` when the body is empty. */
export function selector(name: string, body: string): string {
  return body === '' ? name : `${name}{${body}}`;
}

/** The duration histogram's bucket bounds core advises (seconds); latency SLO thresholds snap to these. */
export const DURATION_BUCKETS_SECONDS: readonly number[] = [
  0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300,
];

/** A number as Prometheus formats it in `le` and in expressions: shortest round-trip decimal. */
export function promNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

import type { AlertConditionV1, AlertSeriesNameV1, LabelMatcherV1 } from '@mcp-o11y/core';
import {
  type CatalogueMetric,
  catalogueMetric,
  catalogueMetricName,
  prometheusLabelName,
  promMatcher,
  promNumber,
  selector,
  selectorBody,
} from './prometheus-names.js';

/** Where the generated PromQL finds things; shared by rules and dashboards. */
export interface PromQlContext {
  /** The label that names a service (one MCP server deployment). Default `job`. */
  readonly serviceLabel: string;
  /** The label that names one process (replica). Default `instance`. */
  readonly instanceLabel: string;
  /** Extra matchers on every selector, PromQL syntax without braces, e.g. `job="mcp-search"`. Default none. */
  readonly selector: string;
  /** Prometheus shape of metrics core does not record (by OpenTelemetry name). */
  readonly customMetrics?: ReadonlyMap<string, CatalogueMetric>;
}

/** A condition in PromQL, or why it has none. */
export type PromQlCondition =
  | { readonly expr: string; readonly threshold?: number; readonly window?: string }
  | { readonly unsupported: string };

/** The histogram (a duration; bytes for the result-size series) and identifying labels of each window series. */
export const SERIES_SHAPE: Readonly<
  Record<AlertSeriesNameV1, { readonly histogram: string; readonly labels: readonly string[] }>
> = {
  'mcp.server.operation': {
    histogram: 'mcp.server.operation.duration',
    labels: ['mcp.method.name', 'gen_ai.tool.name', 'gen_ai.prompt.name'],
  },
  'mcp.client.operation': {
    histogram: 'mcp.client.operation.duration',
    labels: ['mcp.method.name', 'gen_ai.tool.name', 'gen_ai.prompt.name'],
  },
  'mcp_o11y.integration': {
    histogram: 'mcp_o11y.integration.duration',
    labels: ['integration.name', 'operation'],
  },
  // Sizes of successful results only: its error selectors match nothing.
  'mcp_o11y.result.size': {
    histogram: 'mcp_o11y.result.size',
    labels: ['mcp.method.name', 'gen_ai.tool.name', 'gen_ai.prompt.name'],
  },
};

/** The Prometheus base name of an OpenTelemetry metric (histograms: without `_bucket`/`_sum`/`_count`). */
export function promName(metric: string, context?: Pick<PromQlContext, 'customMetrics'>): string {
  return catalogueMetricName(catalogueMetric(metric, context?.customMetrics));
}

/** The Prometheus base name of a window series' duration histogram. */
export function seriesHistogram(series: AlertSeriesNameV1 = 'mcp.server.operation'): string {
  return promName(SERIES_SHAPE[series].histogram);
}

const matchersBody = (matchers: readonly LabelMatcherV1[] | undefined): string =>
  (matchers ?? []).map(promMatcher).join(',');

/**
 * Selector bodies whose union is the failed requests of a series, as core counts them: an `error.type`
 * other than `cancelled`, or a JSON-RPC error code the server blames on the caller (no `error.type`).
 */
export function errorSelectorBodies(series: AlertSeriesNameV1 = 'mcp.server.operation'): string[] {
  return series === 'mcp_o11y.integration'
    ? ['error_type!=""']
    : ['error_type!~"|cancelled"', 'error_type="",rpc_response_status_code!=""'];
}

/** `sum by (labels) (expr)`; `sum (expr)` without labels. */
export function sumBy(labels: readonly string[], expr: string, operator = 'sum'): string {
  return labels.length === 0 ? `${operator} (${expr})` : `${operator} by (${labels.join(', ')}) (${expr})`;
}

/** `increase`/`rate` of the failed requests of a series, summed by `labels` (a union of disjoint selectors). */
export function errorsOver(
  fn: 'rate' | 'increase',
  series: AlertSeriesNameV1,
  body: string,
  window: string,
  labels: readonly string[],
): string {
  const count = `${seriesHistogram(series)}_count`;
  const parts = errorSelectorBodies(series).map(
    (errors) => `${fn}(${selector(count, selectorBody(body, errors))}[${window}])`,
  );
  return sumBy(labels, parts.join(' or '));
}

const isProcessMetric = (name: string): boolean => /^(process|nodejs|v8js|mcp_o11y\.nodejs)\./.test(name);

/** Translates one alert condition to a PromQL expression that returns one sample per alert. Pure. */
export function conditionToPromQl(condition: AlertConditionV1, context: PromQlContext): PromQlCondition {
  const service = context.serviceLabel;
  const perProcess = [service, context.instanceLabel];
  switch (condition.kind) {
    case 'error_ratio':
    case 'latency':
    case 'throughput': {
      const series = condition.series ?? 'mcp.server.operation';
      const labels = [service, ...SERIES_SHAPE[series].labels.map(prometheusLabelName)];
      const body = selectorBody(context.selector, matchersBody(condition.matchers));
      const window = condition.window ?? '5m';
      const histogram = seriesHistogram(series);
      const total = sumBy(labels, `increase(${selector(`${histogram}_count`, body)}[${window}])`);
      const op = condition.op ?? '>';
      const on = `on (${labels.join(', ')})`;
      if (condition.kind === 'throughput') {
        const rate = sumBy(labels, `rate(${selector(`${histogram}_count`, body)}[${window}])`);
        return {
          expr: `${rate} ${op} ${promNumber(condition.threshold)}`,
          threshold: condition.threshold,
          window,
        };
      }
      if (condition.kind === 'error_ratio') {
        const errors = errorsOver('increase', series, body, window, labels);
        const minCount = condition.minCount ?? 10;
        const expr = `(${errors} / ${total}) ${op} ${promNumber(condition.threshold)} and ${on} ${total} >= ${minCount}`;
        return { expr, threshold: condition.threshold, window };
      }
      const quantile = { p50: 0.5, p95: 0.95, p99: 0.99 }[condition.quantile];
      const buckets = sumBy(['le', ...labels], `rate(${selector(`${histogram}_bucket`, body)}[${window}])`);
      const minCount = condition.minCount ?? 20;
      const expr = `histogram_quantile(${quantile}, ${buckets}) ${op} ${promNumber(condition.threshold)} and ${on} ${total} >= ${minCount}`;
      return { expr, threshold: condition.threshold, window };
    }
    case 'metric': {
      const metric = catalogueMetric(condition.metric, context.customMetrics);
      const base = catalogueMetricName(metric);
      const body = selectorBody(context.selector, matchersBody(condition.matchers));
      const window = condition.window ?? '5m';
      const aggregate = condition.aggregate ?? 'last';
      const valueName = metric.kind === 'histogram' ? `${base}_count` : base;
      const by =
        condition.by === undefined
          ? undefined
          : [
              ...(isProcessMetric(condition.metric) ? perProcess : [service]),
              ...condition.by.map(prometheusLabelName),
            ];
      const aggregated = (expr: string) => (by === undefined ? expr : sumBy(by, expr));
      const threshold = `${condition.op ?? '>'} ${promNumber(condition.threshold)}`;
      if (aggregate === 'mean') {
        const sum = aggregated(`increase(${selector(`${base}_sum`, body)}[${window}])`);
        const count = aggregated(`increase(${selector(`${base}_count`, body)}[${window}])`);
        const on = by === undefined ? '' : ` on (${by.join(', ')})`;
        const expr = `(${sum} / ${count}) ${threshold} and${on} ${count} >= ${condition.minCount ?? 1}`;
        return { expr, threshold: condition.threshold, window };
      }
      const inner =
        aggregate === 'last'
          ? selector(valueName, body)
          : `${aggregate}(${selector(valueName, body)}[${window}])`;
      return { expr: `${aggregated(inner)} ${threshold}`, threshold: condition.threshold, window };
    }
    case 'metric_ratio': {
      const window = condition.window ?? '5m';
      const by = [service, ...(condition.by ?? []).map(prometheusLabelName)];
      const side = (metric: string, matchers: readonly LabelMatcherV1[] | undefined) => {
        const shape = catalogueMetric(metric, context.customMetrics);
        const name = `${catalogueMetricName(shape)}${shape.kind === 'histogram' ? '_count' : ''}`;
        const body = selectorBody(context.selector, matchersBody(matchers));
        return sumBy(by, `increase(${selector(name, body)}[${window}])`);
      };
      const numerator = side(condition.numerator.metric, condition.numerator.matchers);
      const denominator = side(condition.denominator.metric, condition.denominator.matchers);
      const expr = `(${numerator} / ${denominator}) ${condition.op ?? '>'} ${promNumber(condition.threshold)} and on (${by.join(', ')}) ${denominator} >= ${condition.minCount ?? 10}`;
      return { expr, threshold: condition.threshold, window };
    }
    case 'in_flight': {
      const by = [...perProcess, ...(condition.by ?? []).map(prometheusLabelName)];
      const name = promName('mcp_o11y.requests.active');
      const body = selectorBody(context.selector, matchersBody(condition.matchers));
      return {
        expr: `${sumBy(by, selector(name, body))} > ${promNumber(condition.threshold)}`,
        threshold: condition.threshold,
      };
    }
    case 'circuit_breaker_open': {
      const name = promName('mcp_o11y.circuit_breaker.state');
      const body = selectorBody(context.selector, matchersBody(condition.matchers));
      const by = [service, prometheusLabelName('integration.name')];
      return { expr: `${sumBy(by, selector(name, body), 'max')} >= ${condition.includeHalfOpen ? 1 : 2}` };
    }
    case 'consecutive_failures':
      return { unsupported: 'consecutive failures need per-request order, which metrics do not keep' };
    case 'health_check_status':
      return { unsupported: 'health check results are not exported as a metric' };
    case 'slo_burn_rate':
      return { unsupported: 'SLO burn rates are generated from the SLO (see sloRuleGroup)' };
  }
}

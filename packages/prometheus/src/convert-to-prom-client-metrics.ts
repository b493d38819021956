import { DataPointType, type MetricData, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import {
  type PrometheusMetricType,
  prometheusLabelName,
  prometheusLabelValue,
  prometheusMetricName,
} from './convert-to-prometheus-name.js';

/** A histogram exemplar as prom-client renders it in OpenMetrics: `# {trace_id="…"} 0.042 1700000000.123`. */
export interface PromClientExemplar {
  readonly labelSet: Readonly<Record<string, string>>;
  readonly value: number;
  /** Seconds since the epoch. */
  readonly timestamp: number;
}

/** One sample line, in the shape prom-client's registry formats. */
export interface PromClientValue {
  readonly value: number;
  readonly labels: Readonly<Record<string, string | number>>;
  /** Flattened once per object by prom-client (its histogram does the same for bucket lines). */
  readonly sharedLabels?: Readonly<Record<string, string>>;
  readonly metricName?: string;
  readonly exemplar?: PromClientExemplar;
}

/** What prom-client's `Registry` needs of a registered metric: its name, type, help and `get()`. */
export interface PromClientMetricFamily {
  name: string;
  readonly help: string;
  readonly type: PrometheusMetricType;
  readonly aggregator: 'sum';
  readonly values: PromClientValue[];
  get(): Promise<{
    name: string;
    help: string;
    type: PrometheusMetricType;
    aggregator: 'sum';
    values: PromClientValue[];
  }>;
}

/** Finds recent exemplars for a histogram point; see {@link ExemplarSpanProcessor}. */
export interface ExemplarSource {
  /** Exemplars (newest first) recorded for `metric` (OpenTelemetry name) whose span matches `attributes`. */
  exemplarsFor(metric: string, attributes: Readonly<Record<string, unknown>>): readonly PromClientExemplar[];
}

/** Options of {@link convertToPromClientMetrics}. */
export interface ConvertOptions {
  /** Emit `target_info` with the resource attributes as labels. */
  readonly targetInfo: boolean;
  /** Attach exemplars to histogram buckets (only when OpenMetrics was negotiated). */
  readonly exemplars?: ExemplarSource;
  /** Label-name cache shared across scrapes: sanitizing is the hot part of a 10 000-series scrape. */
  readonly labelNames: Map<string, string>;
}

/** The families to register, and the Prometheus names that two instruments of different types claimed. */
export interface ConvertResult {
  readonly families: PromClientMetricFamily[];
  readonly conflicts: string[];
}

/**
 * Converts one collection of the OpenTelemetry SDK into prom-client metric families: counters (monotonic
 * sums, `_total`), gauges (gauges and non-monotonic sums) and histograms (`_bucket{le}` cumulative,
 * `_sum`, `_count`), plus `target_info`. Instruments of several scopes with the same Prometheus name
 * and type are merged into one family. Exponential histograms are skipped (not the default aggregation).
 */
export function convertToPromClientMetrics(
  resourceMetrics: ResourceMetrics,
  options: ConvertOptions,
): ConvertResult {
  const families = new Map<string, PromClientMetricFamily>();
  const conflicts: string[] = [];
  if (options.targetInfo) {
    const labels = labelsOf(resourceMetrics.resource.attributes, options.labelNames);
    if (Object.keys(labels).length > 0) {
      const family = createFamily('target_info', 'Target metadata', 'gauge');
      family.values.push({ value: 1, labels });
      families.set(family.name, family);
    }
  }
  for (const scopeMetrics of resourceMetrics.scopeMetrics) {
    for (const metric of scopeMetrics.metrics) {
      const type = typeOf(metric);
      if (type === undefined) continue;
      const { name: otelName, unit, description } = metric.descriptor;
      const name = prometheusMetricName(otelName, unit, type);
      let family = families.get(name);
      if (family === undefined) {
        family = createFamily(name, description === '' ? otelName : description, type);
        families.set(name, family);
      } else if (family.type !== type) {
        conflicts.push(name);
        continue;
      }
      appendValues(family, metric, otelName, options);
    }
  }
  return { families: [...families.values()], conflicts };
}

function typeOf(metric: MetricData): PrometheusMetricType | undefined {
  switch (metric.dataPointType) {
    case DataPointType.SUM:
      return metric.isMonotonic ? 'counter' : 'gauge';
    case DataPointType.GAUGE:
      return 'gauge';
    case DataPointType.HISTOGRAM:
      return 'histogram';
    default:
      return undefined;
  }
}

function createFamily(name: string, help: string, type: PrometheusMetricType): PromClientMetricFamily {
  const family: PromClientMetricFamily = {
    name,
    help,
    type,
    aggregator: 'sum',
    values: [],
    // prom-client renames counters in place for OpenMetrics (`x_total` → `x`): read the name at get time.
    get: async () => ({ name: family.name, help, type, aggregator: 'sum', values: family.values }),
  };
  return family;
}

function appendValues(
  family: PromClientMetricFamily,
  metric: MetricData,
  otelName: string,
  options: ConvertOptions,
): void {
  if (metric.dataPointType !== DataPointType.HISTOGRAM) {
    if (metric.dataPointType === DataPointType.EXPONENTIAL_HISTOGRAM) return;
    for (const point of metric.dataPoints) {
      family.values.push({ value: point.value, labels: labelsOf(point.attributes, options.labelNames) });
    }
    return;
  }
  const bucketName = `${family.name}_bucket`;
  const sumName = `${family.name}_sum`;
  const countName = `${family.name}_count`;
  for (const point of metric.dataPoints) {
    const labels = labelsOf(point.attributes, options.labelNames);
    const { boundaries, counts } = point.value.buckets;
    const exemplars = options.exemplars?.exemplarsFor(otelName, point.attributes) ?? [];
    let cumulative = 0;
    let lower = Number.NEGATIVE_INFINITY;
    for (let index = 0; index <= boundaries.length; index += 1) {
      cumulative += counts[index] ?? 0;
      const upper = boundaries[index] ?? Number.POSITIVE_INFINITY;
      const exemplar =
        exemplars.length === 0 ? undefined : exemplars.find((e) => e.value > lower && e.value <= upper);
      family.values.push({
        metricName: bucketName,
        labels: { le: upper === Number.POSITIVE_INFINITY ? '+Inf' : upper },
        sharedLabels: labels,
        value: cumulative,
        ...(exemplar === undefined ? {} : { exemplar }),
      });
      lower = upper;
    }
    family.values.push({ metricName: sumName, labels, value: point.value.sum ?? 0 });
    family.values.push({ metricName: countName, labels, value: point.value.count });
  }
}

/** Attributes as Prometheus labels; keys that sanitize to the same name have their values joined by `;`. */
export function labelsOf(
  attributes: Readonly<Record<string, unknown>>,
  cache: Map<string, string>,
): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const key in attributes) {
    const value = attributes[key];
    if (value === undefined || value === null) continue;
    let name = cache.get(key);
    if (name === undefined) {
      name = prometheusLabelName(key);
      cache.set(key, name);
    }
    const text = prometheusLabelValue(value);
    const previous = labels[name];
    labels[name] = previous === undefined ? text : `${previous};${text}`;
  }
  return labels;
}

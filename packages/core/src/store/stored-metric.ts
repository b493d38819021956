import { hrTimeToMilliseconds } from '@opentelemetry/core';
import {
  type DataPoint,
  DataPointType,
  type MetricData,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { type PlainAttributes, toPlainAttributes } from './to-plain-value.js';

/**
 * Attribute the OTel metrics SDK puts (with value `true`) on the one point that aggregates every attribute
 * set past an instrument's cardinality limit.
 */
export const METRIC_OVERFLOW_ATTRIBUTE = 'otel.metric.overflow';

/** Fields every point has. */
export interface StoredMetricPointBase {
  /** Point attributes, copied. */
  readonly attributes: PlainAttributes;
  /** Start of the aggregation (cumulative: when the series first appeared), in epoch milliseconds. */
  readonly startTimeMs: number;
  /** When it was collected, in epoch milliseconds. */
  readonly endTimeMs: number;
}

/** A sum or gauge point. */
export interface StoredNumberPoint extends StoredMetricPointBase {
  /** The cumulative sum or last value. */
  readonly value: number;
}

/** The summary of an exponential histogram point (its buckets are not kept). */
export interface StoredHistogramSummaryPoint extends StoredMetricPointBase {
  /** Measurements recorded. */
  readonly count: number;
  /** Their sum; absent when the SDK does not track it (e.g. negative values in a histogram). */
  readonly sum?: number;
  /** Smallest measurement, when tracked. */
  readonly min?: number;
  /** Largest measurement, when tracked. */
  readonly max?: number;
}

/** An explicit-bucket histogram point. */
export interface StoredHistogramPoint extends StoredHistogramSummaryPoint {
  /** Inclusive upper bounds of the finite buckets. */
  readonly boundaries: readonly number[];
  /** Counts per bucket: one more than `boundaries` (the last bucket is unbounded). */
  readonly bucketCounts: readonly number[];
}

/** Fields every metric has. */
export interface StoredMetricBase {
  /** Instrument (or view) name. */
  readonly name: string;
  /** Instrument description; `''` when none. */
  readonly description: string;
  /** Unit, e.g. `s`; `''` when none. */
  readonly unit: string;
  /** Name of the meter (instrumentation scope) that made it. */
  readonly scope: string;
  /** True when the instrument hit its cardinality limit: one point carries {@link METRIC_OVERFLOW_ATTRIBUTE}. */
  readonly overflowed: boolean;
}

/** A counter or up-down counter (cumulative). */
export interface StoredSumMetric extends StoredMetricBase {
  readonly type: 'sum';
  /** True for counters, false for up-down counters. */
  readonly monotonic: boolean;
  readonly points: readonly StoredNumberPoint[];
}

/** A gauge (last value). */
export interface StoredGaugeMetric extends StoredMetricBase {
  readonly type: 'gauge';
  readonly points: readonly StoredNumberPoint[];
}

/** An explicit-bucket histogram (cumulative). */
export interface StoredHistogramMetric extends StoredMetricBase {
  readonly type: 'histogram';
  readonly points: readonly StoredHistogramPoint[];
}

/** An exponential histogram (cumulative), summarised. */
export interface StoredExponentialHistogramMetric extends StoredMetricBase {
  readonly type: 'exponential_histogram';
  readonly points: readonly StoredHistogramSummaryPoint[];
}

/** One collected metric stream as plain data. */
export type StoredMetric =
  | StoredSumMetric
  | StoredGaugeMetric
  | StoredHistogramMetric
  | StoredExponentialHistogramMetric;

/** Maps a collection of the metrics SDK to {@link StoredMetric}s, scope by scope. Pure. */
export function toStoredMetrics(resourceMetrics: ResourceMetrics): StoredMetric[] {
  return resourceMetrics.scopeMetrics.flatMap((scopeMetrics) =>
    scopeMetrics.metrics.map((metric) => toStoredMetric(metric, scopeMetrics.scope.name)),
  );
}

function toStoredMetric(metric: MetricData, scope: string): StoredMetric {
  const base = {
    name: metric.descriptor.name,
    description: metric.descriptor.description,
    unit: metric.descriptor.unit,
    scope,
    overflowed: metric.dataPoints.some(
      (point: DataPoint<unknown>) => point.attributes[METRIC_OVERFLOW_ATTRIBUTE] === true,
    ),
  };
  switch (metric.dataPointType) {
    case DataPointType.SUM:
      return {
        ...base,
        type: 'sum',
        monotonic: metric.isMonotonic,
        points: metric.dataPoints.map(numberPoint),
      };
    case DataPointType.GAUGE:
      return { ...base, type: 'gauge', points: metric.dataPoints.map(numberPoint) };
    case DataPointType.HISTOGRAM:
      return {
        ...base,
        type: 'histogram',
        points: metric.dataPoints.map((point) => ({
          ...summaryPoint(point, point.value),
          boundaries: [...point.value.buckets.boundaries],
          bucketCounts: [...point.value.buckets.counts],
        })),
      };
    case DataPointType.EXPONENTIAL_HISTOGRAM:
      return {
        ...base,
        type: 'exponential_histogram',
        points: metric.dataPoints.map((point) => summaryPoint(point, point.value)),
      };
  }
}

function pointBase(point: DataPoint<unknown>): StoredMetricPointBase {
  return {
    attributes: toPlainAttributes(point.attributes),
    startTimeMs: hrTimeToMilliseconds(point.startTime),
    endTimeMs: hrTimeToMilliseconds(point.endTime),
  };
}

function numberPoint(point: DataPoint<number>): StoredNumberPoint {
  return { ...pointBase(point), value: point.value };
}

function summaryPoint(
  point: DataPoint<unknown>,
  value: { count: number; sum?: number; min?: number; max?: number },
): StoredHistogramSummaryPoint {
  return {
    ...pointBase(point),
    count: value.count,
    ...(value.sum === undefined ? {} : { sum: value.sum }),
    ...(value.min === undefined ? {} : { min: value.min }),
    ...(value.max === undefined ? {} : { max: value.max }),
  };
}

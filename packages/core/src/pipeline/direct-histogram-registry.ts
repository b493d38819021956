import type { HrTime, Meter, MetricOptions } from '@opentelemetry/api';
import { ValueType } from '@opentelemetry/api';
import { type InstrumentationScope, millisToHrTime } from '@opentelemetry/core';
import {
  AggregationTemporality,
  AggregationType,
  type CollectionResult,
  DataPointType,
  type HistogramMetricData,
  type IMetricReader,
  InstrumentType,
  type MetricProducer,
} from '@opentelemetry/sdk-metrics';
import {
  DirectHistogram,
  type HistogramCell,
  OVERFLOW_ATTRIBUTES,
  SDK_DEFAULT_BOUNDARIES,
} from './direct-histogram.js';

/** What one delta reader saw of a cell at its last collection. */
interface DeltaMark {
  counts: number[];
  sum: number;
  count: number;
  atMs: number;
}

/**
 * The pipeline's {@link DirectHistogram}s and the bridge that hands their points to every metric reader,
 * merged into what the SDK's own producer collects, in the reader's temporality. Used only when every reader
 * takes the default (explicit bucket) aggregation for histograms: see {@link canRecordDirectly}.
 */
export class DirectHistogramRegistry {
  readonly #histograms = new Map<string, DirectHistogram>();
  readonly #scope: InstrumentationScope;

  constructor(scope: InstrumentationScope) {
    this.#scope = scope;
  }

  /** One histogram per name, as the SDK deduplicates instruments of one meter. */
  histogram(name: string, options: MetricOptions = {}): DirectHistogram {
    let histogram = this.#histograms.get(name);
    if (histogram === undefined) {
      const boundaries = options.advice?.explicitBucketBoundaries ?? SDK_DEFAULT_BOUNDARIES;
      histogram = new DirectHistogram(
        {
          name,
          description: options.description ?? '',
          unit: options.unit ?? '',
          valueType: options.valueType ?? ValueType.DOUBLE,
        },
        Object.freeze([...boundaries].sort((a, b) => a - b)),
      );
      this.#histograms.set(name, histogram);
    }
    return histogram;
  }

  /**
   * Makes `reader` collect the direct histograms too: the meter provider hands each reader its producer
   * through `setMetricProducer`, so the producer is wrapped there, before the provider is built.
   */
  attach(reader: IMetricReader): void {
    const setProducer = reader.setMetricProducer.bind(reader);
    reader.setMetricProducer = (producer) => setProducer(this.#producerFor(reader, producer));
  }

  #producerFor(reader: IMetricReader, sdk: MetricProducer): MetricProducer {
    const delta =
      reader.selectAggregationTemporality(InstrumentType.HISTOGRAM) === AggregationTemporality.DELTA;
    const marks = delta ? new WeakMap<HistogramCell, DeltaMark>() : undefined;
    const limit = Math.max(2, reader.selectCardinalityLimit?.(InstrumentType.HISTOGRAM) ?? 2000);
    return {
      collect: async (options): Promise<CollectionResult> => {
        const result = await sdk.collect(options);
        const metrics = this.#collect(limit, marks);
        if (metrics.length === 0) return result;
        const scopes = result.resourceMetrics.scopeMetrics;
        const own = scopes.find(
          (scope) => scope.scope.name === this.#scope.name && scope.scope.version === this.#scope.version,
        );
        if (own === undefined) scopes.push({ scope: this.#scope, metrics });
        else own.metrics.push(...metrics);
        return result;
      },
    };
  }

  #collect(limit: number, marks: WeakMap<HistogramCell, DeltaMark> | undefined): HistogramMetricData[] {
    const nowMs = Date.now();
    const endTime = millisToHrTime(nowMs);
    const metrics: HistogramMetricData[] = [];
    for (const histogram of this.#histograms.values()) {
      const cells = histogram.cells();
      if (cells.length === 0) continue;
      const boundaries = [...histogram.boundaries];
      const dataPoints: HistogramMetricData['dataPoints'] = [];
      let overflow: ReturnType<typeof pointOf> | undefined;
      for (const cell of cells) {
        const point =
          marks === undefined ? pointOf(cell, boundaries) : deltaPointOf(cell, boundaries, marks, nowMs);
        if (point === undefined) continue;
        // Past the reader's own cardinality limit, the rest fold into its overflow point, as in the SDK.
        if (dataPoints.length >= limit - 1 || cell.attributes === OVERFLOW_ATTRIBUTES) {
          overflow = overflow === undefined ? point : mergePoints(overflow, point);
          continue;
        }
        dataPoints.push({
          attributes: cell.attributes,
          startTime: point.startTime,
          endTime,
          value: point.value,
        });
      }
      if (overflow !== undefined) {
        dataPoints.push({
          attributes: OVERFLOW_ATTRIBUTES,
          startTime: overflow.startTime,
          endTime,
          value: overflow.value,
        });
      }
      if (dataPoints.length === 0) continue;
      metrics.push({
        descriptor: histogram.descriptor,
        aggregationTemporality:
          marks === undefined ? AggregationTemporality.CUMULATIVE : AggregationTemporality.DELTA,
        dataPointType: DataPointType.HISTOGRAM,
        dataPoints,
      });
    }
    return metrics;
  }
}

interface PointValue {
  readonly startTime: HrTime;
  readonly value: HistogramMetricData['dataPoints'][number]['value'];
}

function pointOf(cell: HistogramCell, boundaries: number[]): PointValue {
  return {
    startTime: millisToHrTime(cell.startMs),
    value: {
      buckets: { boundaries, counts: [...cell.counts] },
      sum: cell.sum,
      count: cell.count,
      min: cell.min,
      max: cell.max,
    },
  };
}

/** The values since this reader's last collection; none when nothing was recorded in between. */
function deltaPointOf(
  cell: HistogramCell,
  boundaries: number[],
  marks: WeakMap<HistogramCell, DeltaMark>,
  nowMs: number,
): PointValue | undefined {
  const mark = marks.get(cell);
  marks.set(cell, { counts: [...cell.counts], sum: cell.sum, count: cell.count, atMs: nowMs });
  if (mark === undefined) return pointOf(cell, boundaries);
  const count = cell.count - mark.count;
  if (count === 0) return undefined;
  return {
    startTime: millisToHrTime(mark.atMs),
    // Min and max are kept since the start only; a delta point leaves them out rather than guess.
    value: {
      buckets: { boundaries, counts: cell.counts.map((value, index) => value - (mark.counts[index] ?? 0)) },
      sum: cell.sum - mark.sum,
      count,
    },
  };
}

function mergePoints(a: PointValue, b: PointValue): PointValue {
  const earlier = a.startTime[0] * 1e9 + a.startTime[1] <= b.startTime[0] * 1e9 + b.startTime[1];
  const min = Math.min(a.value.min ?? Number.POSITIVE_INFINITY, b.value.min ?? Number.POSITIVE_INFINITY);
  const max = Math.max(a.value.max ?? Number.NEGATIVE_INFINITY, b.value.max ?? Number.NEGATIVE_INFINITY);
  return {
    startTime: earlier ? a.startTime : b.startTime,
    value: {
      buckets: {
        boundaries: a.value.buckets.boundaries,
        counts: a.value.buckets.counts.map((value, index) => value + (b.value.buckets.counts[index] ?? 0)),
      },
      sum: (a.value.sum ?? 0) + (b.value.sum ?? 0),
      count: a.value.count + b.value.count,
      ...(Number.isFinite(min) ? { min } : {}),
      ...(Number.isFinite(max) ? { max } : {}),
    },
  };
}

/**
 * Whether the pipeline can record histograms directly: only when every reader takes the default aggregation
 * (explicit buckets from the instrument's advice) for histograms. A reader that asks for exponential
 * histograms, its own boundaries or no histograms at all gets the SDK's histograms, slower but exact.
 */
export function canRecordDirectly(readers: readonly IMetricReader[]): boolean {
  return readers.every(
    (reader) => reader.selectAggregation(InstrumentType.HISTOGRAM).type === AggregationType.DEFAULT,
  );
}

/** The pipeline's meter: the SDK's, with histograms from `registry`. */
export function withDirectHistograms(meter: Meter, registry: DirectHistogramRegistry): Meter {
  return {
    createHistogram: (name, options) => registry.histogram(name, options),
    createGauge: (name, options) => meter.createGauge(name, options),
    createCounter: (name, options) => meter.createCounter(name, options),
    createUpDownCounter: (name, options) => meter.createUpDownCounter(name, options),
    createObservableGauge: (name, options) => meter.createObservableGauge(name, options),
    createObservableCounter: (name, options) => meter.createObservableCounter(name, options),
    createObservableUpDownCounter: (name, options) => meter.createObservableUpDownCounter(name, options),
    addBatchObservableCallback: (callback, observables) =>
      meter.addBatchObservableCallback(callback, observables),
    removeBatchObservableCallback: (callback, observables) =>
      meter.removeBatchObservableCallback(callback, observables),
  };
}

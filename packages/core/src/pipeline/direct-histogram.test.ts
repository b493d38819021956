import { type Attributes, type Meter, ValueType } from '@opentelemetry/api';
import {
  AggregationTemporality,
  AggregationType,
  DataPointType,
  type HistogramMetricData,
  MeterProvider,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { MAX_ATTRIBUTE_SETS } from './direct-histogram.js';
import {
  canRecordDirectly,
  DirectHistogramRegistry,
  withDirectHistograms,
} from './direct-histogram-registry.js';

class TestReader extends MetricReader {
  constructor(temporality: AggregationTemporality, cardinalityLimit?: number) {
    super({
      aggregationTemporalitySelector: () => temporality,
      ...(cardinalityLimit === undefined ? {} : { cardinalitySelector: () => cardinalityLimit }),
    });
  }
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

function pipeline(temporality: AggregationTemporality, direct: boolean, cardinalityLimit?: number) {
  const reader = new TestReader(temporality, cardinalityLimit);
  const registry = new DirectHistogramRegistry({ name: 'scope', version: '1.0.0' });
  if (direct) registry.attach(reader);
  const provider = new MeterProvider({ readers: [reader] });
  const sdkMeter = provider.getMeter('scope', '1.0.0');
  const meter: Meter = direct ? withDirectHistograms(sdkMeter, registry) : sdkMeter;
  return { reader, meter };
}

async function histogramPoints(reader: MetricReader) {
  const { resourceMetrics, errors } = await reader.collect();
  expect(errors).toEqual([]);
  const metrics = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
  return metrics
    .filter((metric): metric is HistogramMetricData => metric.dataPointType === DataPointType.HISTOGRAM)
    .map((metric) => ({
      descriptor: {
        name: metric.descriptor.name,
        unit: metric.descriptor.unit,
        description: metric.descriptor.description,
      },
      temporality: metric.aggregationTemporality,
      points: metric.dataPoints
        // Sums differ in the last digits: the SDK adds per interval, deltas here are differences of running sums.
        .map((point) => ({
          attributes: point.attributes,
          value: { ...point.value, sum: Number(point.value.sum?.toPrecision(9)) },
        }))
        .sort((a, b) => JSON.stringify(a.attributes).localeCompare(JSON.stringify(b.attributes))),
    }));
}

/** A seeded sequence of durations in seconds over the MCP buckets, some on bucket boundaries. */
function values(count: number, seed: number): number[] {
  let state = seed;
  const out: number[] = [];
  for (let index = 0; index < count; index += 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const unit = state / 2_147_483_648;
    out.push(index % 17 === 0 ? 0.5 : unit ** 3 * 400);
  }
  return out;
}

const BUCKETS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];
const SETS: Attributes[] = [
  Object.freeze({ 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'echo' }),
  Object.freeze({ 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'slow', 'error.type': 'tool_error' }),
  { 'mcp.method.name': 'resources/read' },
];

function record(meter: Meter, sequence: readonly number[]): void {
  const histogram = meter.createHistogram('mcp.server.operation.duration', {
    description: 'd',
    unit: 's',
    advice: { explicitBucketBoundaries: BUCKETS },
  });
  const unadvised = meter.createHistogram('plain', { valueType: ValueType.INT });
  sequence.forEach((value, index) => {
    // A fresh (equal) object for the unfrozen set, as callers that build attributes per call do.
    const set = SETS[index % SETS.length] as Attributes;
    histogram.record(value, Object.isFrozen(set) ? set : { ...set });
    unadvised.record(value * 30, { shard: index % 2 });
  });
  histogram.record(-1, SETS[0]);
  histogram.record(Number.NaN, SETS[0]);
}

describe('direct histograms', () => {
  it('export exactly what the SDK histogram exports, cumulative, over two collections', async () => {
    const sdk = pipeline(AggregationTemporality.CUMULATIVE, false);
    const direct = pipeline(AggregationTemporality.CUMULATIVE, true);
    for (const round of [1, 2]) {
      const sequence = values(3_000, round);
      record(sdk.meter, sequence);
      record(direct.meter, sequence);
      const expected = await histogramPoints(sdk.reader);
      expect(expected).toHaveLength(2);
      expect(await histogramPoints(direct.reader)).toEqual(expected);
    }
  });

  it('export deltas with the same buckets, sums and counts as the SDK, and no point for an idle set', async () => {
    const sdk = pipeline(AggregationTemporality.DELTA, false);
    const direct = pipeline(AggregationTemporality.DELTA, true);
    const strip = (metrics: Awaited<ReturnType<typeof histogramPoints>>) =>
      metrics.map((metric) => ({
        ...metric,
        points: metric.points.map(({ attributes, value }) => ({
          attributes,
          buckets: value.buckets,
          sum: Number(value.sum?.toPrecision(9)),
          count: value.count,
        })),
      }));
    for (const round of [1, 2]) {
      const sequence = values(1_000, round + 10);
      record(sdk.meter, sequence);
      record(direct.meter, sequence);
      expect(strip(await histogramPoints(direct.reader))).toEqual(strip(await histogramPoints(sdk.reader)));
    }
    // Only one set records in the third interval.
    record(sdk.meter, [0.3]);
    record(direct.meter, [0.3]);
    const third = strip(await histogramPoints(direct.reader));
    expect(third).toEqual(strip(await histogramPoints(sdk.reader)));
    expect(third.map((metric) => metric.points.length)).toEqual([1, 1]);
  });

  it('caps attribute sets like the SDK: the rest fold into the otel.metric.overflow point', async () => {
    const direct = pipeline(AggregationTemporality.CUMULATIVE, true);
    const histogram = direct.meter.createHistogram('wide');
    for (let index = 0; index < MAX_ATTRIBUTE_SETS + 50; index += 1) histogram.record(1, { id: index });
    const [metric] = await histogramPoints(direct.reader);
    expect(metric?.points).toHaveLength(MAX_ATTRIBUTE_SETS);
    const overflow = metric?.points.find((point) => point.attributes['otel.metric.overflow'] === true);
    expect(overflow?.value.count).toBe(51);
    const limited = pipeline(AggregationTemporality.CUMULATIVE, true, 10);
    const narrow = limited.meter.createHistogram('narrow');
    for (let index = 0; index < 30; index += 1) narrow.record(2, { id: index });
    const [few] = await histogramPoints(limited.reader);
    expect(few?.points).toHaveLength(10);
    expect(few?.points.reduce((total, point) => total + point.value.count, 0)).toBe(30);
  });

  it('are used only when every reader takes the default histogram aggregation', () => {
    const plain = new TestReader(AggregationTemporality.CUMULATIVE);
    const exponential = new (class extends TestReader {
      constructor() {
        super(AggregationTemporality.CUMULATIVE);
      }
      override selectAggregation() {
        return { type: AggregationType.EXPONENTIAL_HISTOGRAM } as const;
      }
    })();
    expect(canRecordDirectly([plain])).toBe(true);
    expect(canRecordDirectly([plain, exponential])).toBe(false);
  });
});

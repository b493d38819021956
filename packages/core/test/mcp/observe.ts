import type { Attributes } from '@opentelemetry/api';
import {
  type DataPoint,
  type Histogram,
  MetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { createObservability } from '../../src/pipeline/create-observability.js';
import type { Observability } from '../../src/pipeline/observability.js';
import type { AdapterV1 } from '../../src/spec/adapter/v1/adapter-v1.js';

class TestMetricReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** One exported metric point, flattened for assertions. */
export interface MetricPoint {
  readonly name: string;
  readonly unit: string;
  readonly attributes: Attributes;
  readonly value: number | Histogram;
  readonly boundaries?: readonly number[];
}

/** A pipeline whose spans and metrics the test reads back. */
export interface Observed {
  readonly observability: Observability;
  readonly exporter: InMemorySpanExporter;
  spans(): ReadableSpan[];
  span(name: string): ReadableSpan;
  metrics(): Promise<MetricPoint[]>;
  shutdown(): Promise<void>;
}

/** createObservability with an in-memory span exporter and a pull metric reader; no stderr, no hooks. */
export async function observe(options: { throwingExporter?: boolean } = {}): Promise<Observed> {
  const exporter = new InMemorySpanExporter();
  const reader = new TestMetricReader();
  const adapter: AdapterV1 = {
    specificationVersion: 'v1',
    id: 'test',
    kinds: ['traces', 'metrics', 'logs'],
    create: () => ({
      specificationVersion: 'v1',
      id: 'test',
      traces: {
        processors: [
          new SimpleSpanProcessor({
            exporter: options.throwingExporter
              ? {
                  export: () => {
                    throw new Error('exporter down');
                  },
                  shutdown: async () => {},
                }
              : exporter,
          }),
        ],
      },
      metrics: { readers: [reader] },
    }),
  };
  const observability = await createObservability({
    adapters: [adapter],
    logging: { destination: false },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  const spans = () => exporter.getFinishedSpans();
  return {
    observability,
    exporter,
    spans,
    span(name) {
      const found = spans().filter((span) => span.name === name);
      if (found.length !== 1) {
        throw new Error(
          `expected one span "${name}", got ${found.length}: ${spans()
            .map((s) => s.name)
            .join(', ')}`,
        );
      }
      return found[0] as ReadableSpan;
    },
    async metrics() {
      const { resourceMetrics } = await reader.collect();
      return flatten(resourceMetrics);
    },
    shutdown: () => observability.shutdown(),
  };
}

function flatten(resourceMetrics: ResourceMetrics): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      for (const point of metric.dataPoints as DataPoint<number | Histogram>[]) {
        const value = point.value;
        points.push({
          name: metric.descriptor.name,
          unit: metric.descriptor.unit,
          attributes: point.attributes,
          value,
          ...(typeof value === 'object' ? { boundaries: value.buckets.boundaries } : {}),
        });
      }
    }
  }
  return points;
}

/** Polls until `predicate` holds (spans end on the response send, which may trail the client's await). */
export async function until(predicate: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
